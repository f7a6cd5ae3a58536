using System.Net;
using AligNet.Api.Contracts;
using AligNet.Domain.Participation;
using AligNet.Domain.Studies;
using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Integration.Tests.Participants;

/// <summary>
/// The same people come back: a Prolific PID (or MTurk worker id) takes many studies on one instance, one session
/// per study; the refusal of a second session in the same study remains.
/// </summary>
public class ReturningParticipantTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>
{
    private WebApp App => fixture.App;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<Study> CreateStudyAsync(RecruitmentSource source)
    {
        await using var db = App.Database.CreateContext();
        return await ParticipantStudy.CreateAsync(db, App.StimulusRoot, s =>
        {
            s.Recruitment = source; s.TrialsPerParticipant = 4; s.PracticeTrials = 0; s.CatchTrialShare = 0; s.Blocks = 1;
        });
    }

    private static async Task<SessionView> TakeWholeStudyAsync(HttpClient http, Guid studyId, Dictionary<string, string> link)
    {
        var participant = new ParticipantClient(http);
        await participant.StartAsync(studyId, link);
        await participant.ConsentAsync();
        foreach (var trial in await participant.AllTrialsAsync()) await participant.AnswerAsync(trial, trial.Index % 3);
        return await participant.CompleteAsync();
    }

    [Fact]
    public async Task The_same_prolific_pid_completes_two_studies_but_not_a_second_session_of_either()
    {
        var first = await CreateStudyAsync(RecruitmentSource.Prolific);
        var second = await CreateStudyAsync(RecruitmentSource.Prolific);
        using var http = App.CreateClient();
        var pid = "pid-" + Guid.NewGuid().ToString("N")[..10];

        var doneFirst = await TakeWholeStudyAsync(http, first.Id, new() { ["PROLIFIC_PID"] = pid, ["STUDY_ID"] = "st-a", ["SESSION_ID"] = "se-a" });
        var doneSecond = await TakeWholeStudyAsync(http, second.Id, new() { ["PROLIFIC_PID"] = pid, ["STUDY_ID"] = "st-b", ["SESSION_ID"] = "se-b" });
        var againInFirst = await new ParticipantClient(http).PostStartAsync(first.Id,
            new StartSessionRequest(new Dictionary<string, string> { ["PROLIFIC_PID"] = pid, ["STUDY_ID"] = "st-a", ["SESSION_ID"] = "se-a2" }, null));

        Assert.Equal(SessionStep.Completed, doneFirst.Step);
        Assert.Equal(SessionStep.Completed, doneSecond.Step);
        Assert.Equal(pid, doneSecond.ParticipantId);
        Assert.Equal(HttpStatusCode.Conflict, againInFirst.StatusCode);
        var refusal = await againInFirst.Content.ReadAsStringAsync(Ct);
        Assert.Contains("already taken part in this study", refusal);
        Assert.Contains(pid, refusal);

        await using var db = App.Database.CreateContext();
        var sessions = await db.Sessions.AsNoTracking().Include(s => s.Participant)
            .Where(s => s.Participant!.ExternalId == pid).ToListAsync(Ct);
        Assert.Equal(2, sessions.Count);
        Assert.All(sessions, s => Assert.Equal(SessionOutcome.Completed, s.Outcome));
        Assert.Single(sessions.Select(s => s.ParticipantId).Distinct());
        Assert.Equal(1, await db.Participants.CountAsync(p => p.ExternalId == pid, Ct));
    }

    [Fact]
    public async Task The_same_prolific_pid_opening_two_studies_at_once_gets_both_sessions()
    {
        var first = await CreateStudyAsync(RecruitmentSource.Prolific);
        var second = await CreateStudyAsync(RecruitmentSource.Prolific);
        using var http = App.CreateClient();
        var pid = "pid-" + Guid.NewGuid().ToString("N")[..10];

        var opened = await Task.WhenAll(
            new ParticipantClient(http).StartAsync(first.Id, new Dictionary<string, string> { ["PROLIFIC_PID"] = pid, ["SESSION_ID"] = "x1" }),
            new ParticipantClient(http).StartAsync(second.Id, new Dictionary<string, string> { ["PROLIFIC_PID"] = pid, ["SESSION_ID"] = "x2" }));

        Assert.NotEqual(opened[0].SessionId, opened[1].SessionId);
        await using var db = App.Database.CreateContext();
        Assert.Equal(1, await db.Participants.CountAsync(p => p.ExternalId == pid, Ct));
    }

    [Fact]
    public async Task The_same_mturk_worker_takes_two_hits_of_different_studies()
    {
        var first = await CreateStudyAsync(RecruitmentSource.MTurk);
        var second = await CreateStudyAsync(RecruitmentSource.MTurk);
        using var http = App.CreateClient();
        var worker = "W" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();

        var doneFirst = await TakeWholeStudyAsync(http, first.Id, new() { ["workerId"] = worker, ["assignmentId"] = "A1", ["hitId"] = "H1" });
        var doneSecond = await TakeWholeStudyAsync(http, second.Id, new() { ["workerId"] = worker, ["assignmentId"] = "A2", ["hitId"] = "H2" });

        Assert.Equal(SessionStep.Completed, doneFirst.Step);
        Assert.Equal(SessionStep.Completed, doneSecond.Step);
    }
}
