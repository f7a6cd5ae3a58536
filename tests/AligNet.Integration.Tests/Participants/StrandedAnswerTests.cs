using System.Net;
using AligNet.Api.Contracts;
using AligNet.Domain.Studies;
using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Integration.Tests.Participants;

/// <summary>
/// No answer stranded: a session under way survives its study being paused or closed (resume with the kept secret,
/// answers taken, completion code given; newcomers still refused), and every answer refused for good is kept on the
/// server with its status and reason.
/// </summary>
public class StrandedAnswerTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>
{
    private WebApp App => fixture.App;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<Study> CreateStudyAsync()
    {
        await using var db = App.Database.CreateContext();
        return await ParticipantStudy.CreateAsync(db, App.StimulusRoot, s =>
        {
            s.TrialsPerParticipant = 4; s.PracticeTrials = 0; s.CatchTrialShare = 0; s.Blocks = 1;
        });
    }

    private async Task SetStateAsync(Guid studyId, StudyState state)
    {
        await using var db = App.Database.CreateContext();
        await db.Studies.Where(s => s.Id == studyId).ExecuteUpdateAsync(u => u.SetProperty(s => s.State, state), Ct);
    }

    [Theory]
    [InlineData(StudyState.Paused, HttpStatusCode.Conflict)]
    [InlineData(StudyState.Closed, HttpStatusCode.Gone)]
    public async Task A_session_under_way_resumes_and_completes_after_its_study_stops_taking_newcomers(StudyState state, HttpStatusCode newcomerStatus)
    {
        var study = await CreateStudyAsync();
        using var http = App.CreateClient();
        var participant = new ParticipantClient(http);
        await participant.StartAsync(study.Id);
        await participant.ConsentAsync();
        var trials = await participant.AllTrialsAsync();
        await participant.AnswerAsync(trials[0]);

        await SetStateAsync(study.Id, state);
        var resumed = await new ParticipantClient(http).StartAsync(study.Id, token: participant.Token);
        foreach (var trial in trials.Skip(1)) await participant.AnswerAsync(trial, trial.Index % 3);
        var done = await participant.CompleteAsync();
        var newcomer = await new ParticipantClient(http).PostStartAsync(study.Id, new StartSessionRequest(null, null));

        Assert.Equal(participant.Session!.SessionId, resumed.SessionId);
        Assert.Equal(1, resumed.NextTrialIndex);
        Assert.Equal(SessionStep.Completed, done.Step);
        Assert.Equal("DONE123", done.Completion!.Code);
        Assert.Equal(newcomerStatus, newcomer.StatusCode);
    }

    [Fact]
    public async Task Answers_refused_for_good_are_kept_with_status_and_reason()
    {
        var study = await CreateStudyAsync();
        using var http = App.CreateClient();
        var participant = new ParticipantClient(http);
        await participant.StartAsync(study.Id);
        await participant.ConsentAsync();
        var trials = await participant.AllTrialsAsync();
        await participant.AnswerAsync(trials[0]);

        var secondAnswer = ParticipantClient.Answer(trials[0], 2);
        var tooFast = ParticipantClient.Answer(trials[1], 1, rt: 5);
        var wrongSecret = ParticipantClient.Answer(trials[2], 0);
        using var conflict = await participant.SubmitAsync(secondAnswer);
        using var invalid = await participant.SubmitAsync(tooFast);
        using var forbidden = await participant.SendAsync(HttpMethod.Post, ParticipantApi.Responses(participant.Session!.SessionId), wrongSecret, token: "forged");

        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        await using var db = App.Database.CreateContext();
        var rejected = await db.RejectedResponses.Where(r => r.SessionId == participant.Session.SessionId).OrderBy(r => r.Id).ToListAsync(Ct);
        Assert.Equal([409, 400, 403], rejected.Select(r => r.Status));
        Assert.Equal([secondAnswer.Id, tooFast.Id, wrongSecret.Id], rejected.Select(r => r.ResponseId!.Value));
        Assert.Equal([trials[0].Id, trials[1].Id, trials[2].Id], rejected.Select(r => r.TrialId!.Value));
        Assert.Contains("already has a stored answer", rejected[0].Reason);
        Assert.Contains("below this study's minimum", rejected[1].Reason);
        Assert.Contains(secondAnswer.Id.ToString(), rejected[0].Payload);
        Assert.Equal(1, await db.Responses.CountAsync(r => r.SessionId == participant.Session.SessionId, Ct));
    }
}
