using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AligNet.Api.Contracts;
using AligNet.Domain.Participation;
using AligNet.Domain.Studies;
using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Integration.Tests.Participants;

/// <summary>The participant JSON API against the real web process and PostgreSQL: the happy path, resume and completion.</summary>
public class ParticipantApiTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>
{
    private WebApp App => fixture.App;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<Study> CreateStudyAsync(Action<Study>? configure = null)
    {
        await using var db = App.Database.CreateContext();
        return await ParticipantStudy.CreateAsync(db, App.StimulusRoot, configure);
    }

    [Fact]
    public async Task A_direct_link_session_runs_from_consent_to_completion_code_and_stores_each_answer_once()
    {
        var study = await CreateStudyAsync();
        using var http = App.CreateClient();
        var participant = new ParticipantClient(http);

        var opened = await participant.StartAsync(study.Id);
        Assert.Equal(SessionStep.Consent, opened.Step);
        Assert.StartsWith("anon-", opened.ParticipantId);
        Assert.False(string.IsNullOrEmpty(opened.Token));
        Assert.Equal(22, opened.TotalTrials);
        Assert.Contains("<strong>take part</strong>", opened.Study.ConsentHtml);
        Assert.DoesNotContain("<script>", opened.Study.ConsentHtml);

        Assert.Equal(SessionStep.Instructions, (await participant.ConsentAsync()).Step);
        var trials = await participant.AllTrialsAsync();
        Assert.Equal(Enumerable.Range(0, 22), trials.Select(t => t.Index));
        Assert.All(trials.Take(2), t => Assert.True(t.Practice));
        Assert.All(trials.Skip(2), t => { Assert.False(t.Practice); Assert.Null(t.ExpectedPosition); });
        Assert.All(trials, t => Assert.All(t.ImageUrls, u => Assert.StartsWith("/api/stimuli/", u)));

        // An attentive participant: catch trials answered as expected, the rest varied.
        Dictionary<Guid, int?> expected;
        await using (var read = App.Database.CreateContext())
        {
            expected = await read.Trials.Where(t => t.SessionId == opened.SessionId).ToDictionaryAsync(t => t.Id, t => t.ExpectedPosition, Ct);
        }
        foreach (var trial in trials)
        {
            var receipt = await participant.AnswerAsync(trial, expected[trial.Id] ?? trial.Index % 3, rt: 1200 + trial.Index);
            Assert.False(receipt.Duplicate);
            Assert.Equal(trial.Index + 1, receipt.Answered);
        }
        var done = await participant.CompleteAsync();

        Assert.Equal(SessionStep.Completed, done.Step);
        Assert.Equal("Completed", done.Completion!.Outcome);
        Assert.Equal("DONE123", done.Completion.Code);
        Assert.Null(done.Completion.RedirectUrl);
        await using var db = App.Database.CreateContext();
        var session = await db.Sessions.AsNoTracking().SingleAsync(s => s.Id == opened.SessionId, Ct);
        Assert.Equal(SessionStatus.Completed, session.Status);
        Assert.NotEqual(QcStatus.Pending, session.Qc);
        Assert.NotNull(session.QcMetrics);
        Assert.Equal(22, await db.Responses.CountAsync(r => r.SessionId == opened.SessionId, Ct));
        var rts = await db.Responses.Where(r => r.SessionId == opened.SessionId).Select(r => r.RtMs).ToListAsync(Ct);
        Assert.All(rts, rt => Assert.InRange(rt, 1200, 1222));
        Assert.NotNull((await db.Studies.AsNoTracking().SingleAsync(s => s.Id == study.Id, Ct)).DesignFrozenAt);
    }

    [Fact]
    public async Task A_repeated_post_is_acknowledged_as_duplicate_and_stored_once_even_when_concurrent()
    {
        var study = await CreateStudyAsync();
        using var http = App.CreateClient();
        http.Timeout = TimeSpan.FromSeconds(20);
        var participant = new ParticipantClient(http);
        await participant.StartAsync(study.Id);
        await participant.ConsentAsync();
        var trial = (await participant.TrialsAsync(0, 1)).Trials[0];
        var answer = ParticipantClient.Answer(trial, 2);

        var posts = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => participant.SubmitAsync(answer)));

        var statuses = posts.Select(p => p.StatusCode).ToList();
        Assert.Single(statuses, HttpStatusCode.Created);
        Assert.Equal(15, statuses.Count(s => s == HttpStatusCode.OK));
        foreach (var post in posts.Where(p => p.StatusCode == HttpStatusCode.OK))
        {
            Assert.True((await ParticipantClient.ReadAsync<SubmitResponseResult>(post)).Duplicate);
        }
        await using var db = App.Database.CreateContext();
        Assert.Equal(1, await db.Responses.CountAsync(r => r.TrialId == trial.Id, Ct));
    }

    [Fact]
    public async Task A_reload_resumes_at_the_first_unanswered_trial_with_the_kept_secret()
    {
        var study = await CreateStudyAsync();
        using var http = App.CreateClient();
        var participant = new ParticipantClient(http);
        var first = await participant.StartAsync(study.Id);
        await participant.ConsentAsync();
        foreach (var trial in (await participant.TrialsAsync(0, 5)).Trials) await participant.AnswerAsync(trial);

        var reloaded = await new ParticipantClient(http).StartAsync(study.Id, token: first.Token);

        Assert.Equal(first.SessionId, reloaded.SessionId);
        Assert.Equal(first.ParticipantId, reloaded.ParticipantId);
        Assert.Equal(SessionStep.Trials, reloaded.Step);
        Assert.Equal(5, reloaded.NextTrialIndex);
    }

    [Fact]
    public async Task A_prolific_participant_resumes_on_another_browser_but_cannot_take_the_study_twice()
    {
        var study = await CreateStudyAsync(s => s.Recruitment = RecruitmentSource.Prolific);
        using var http = App.CreateClient();
        var link = new Dictionary<string, string> { ["PROLIFIC_PID"] = "5f1e9d2c", ["STUDY_ID"] = "st-1", ["SESSION_ID"] = "se-1" };
        var first = await new ParticipantClient(http).StartAsync(study.Id, link);

        var otherBrowser = new ParticipantClient(http);
        var resumed = await otherBrowser.StartAsync(study.Id, link);
        var again = await new ParticipantClient(http).PostStartAsync(study.Id, new StartSessionRequest(new Dictionary<string, string>(link) { ["SESSION_ID"] = "se-2" }, null));
        var withoutPid = await new ParticipantClient(http).PostStartAsync(study.Id, new StartSessionRequest(new Dictionary<string, string> { ["STUDY_ID"] = "st-1" }, null));

        Assert.Equal("5f1e9d2c", first.ParticipantId);
        Assert.Equal(first.SessionId, resumed.SessionId);
        Assert.NotEqual(first.Token, resumed.Token);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("already taken part", await again.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.BadRequest, withoutPid.StatusCode);
        Assert.Contains("PROLIFIC_PID", await withoutPid.Content.ReadAsStringAsync(Ct));
        await using var db = App.Database.CreateContext();
        Assert.Equal(1, await db.Sessions.CountAsync(s => s.StudyId == study.Id, Ct));
    }

    [Fact]
    public async Task Prolific_completion_redirects_with_the_completion_code()
    {
        var study = await CreateStudyAsync(s => { s.Recruitment = RecruitmentSource.Prolific; s.TrialsPerParticipant = 4; s.PracticeTrials = 0; s.CatchTrialShare = 0; s.Blocks = 1; });
        using var http = App.CreateClient();
        var participant = new ParticipantClient(http);
        await participant.StartAsync(study.Id, new Dictionary<string, string> { ["PROLIFIC_PID"] = "p-redirect", ["SESSION_ID"] = "s" });
        await participant.ConsentAsync();
        var trials = await participant.AllTrialsAsync();

        var early = await participant.SendAsync(HttpMethod.Post, ParticipantApi.Complete(participant.Session!.SessionId), new { });
        foreach (var trial in trials) await participant.AnswerAsync(trial, trial.Index % 3);
        var done = await participant.CompleteAsync();
        var twice = await participant.CompleteAsync();

        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("no stored response", await early.Content.ReadAsStringAsync(Ct));
        Assert.Equal("https://app.prolific.com/submissions/complete?cc=DONE123", done.Completion!.RedirectUrl);
        Assert.Equal(done.Completion, twice.Completion);
    }

    [Fact]
    public async Task Live_quality_control_ends_a_session_with_too_many_missed_responses()
    {
        var study = await CreateStudyAsync(s => { s.CatchTrialShare = 0; s.PracticeTrials = 0; s.Qc.MaxMissedResponses = 1; });
        using var http = App.CreateClient();
        var participant = new ParticipantClient(http);
        await participant.StartAsync(study.Id);
        await participant.ConsentAsync();
        var trials = (await participant.TrialsAsync(0, 3)).Trials;

        var first = await participant.AnswerAsync(trials[0], null, rt: 15_000);
        var second = await participant.AnswerAsync(trials[1], null, rt: 15_000);
        var after = await participant.SubmitAsync(ParticipantClient.Answer(trials[2]));
        var done = await participant.CompleteAsync();

        Assert.False(first.SessionEnded);
        Assert.True(second.SessionEnded);
        Assert.Equal(HttpStatusCode.Conflict, after.StatusCode);
        Assert.Equal("FailedChecks", done.Completion!.Outcome);
        Assert.Equal("FAIL7", done.Completion.Code);
        await using var db = App.Database.CreateContext();
        var session = await db.Sessions.AsNoTracking().SingleAsync(s => s.Id == participant.Session!.SessionId, Ct);
        Assert.Equal(QcStatus.Excluded, session.Qc);
        Assert.Contains(session.QcReasons, r => r.Contains("missed", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Fixed_lists_are_handed_out_evenly_and_followed_in_order()
    {
        var study = await CreateStudyAsync(s => { s.Design = DesignKind.FixedLists; s.CatchTrialShare = 0; s.PracticeTrials = 0; s.TrialsPerParticipant = 3; s.Blocks = 1; });
        await using (var db = App.Database.CreateContext())
        {
            var ids = await db.Stimuli.Where(s => s.StimulusSetId == study.StimulusSetId).OrderBy(s => s.Index).Select(s => s.Id).ToListAsync(Ct);
            for (var list = 0; list < 2; list++)
            {
                for (var order = 0; order < 3; order++)
                {
                    var k = list * 9 + order * 3;
                    db.FixedTrials.Add(new FixedTrial { StudyId = study.Id, ListNumber = list, Order = order, Stimulus0Id = ids[k], Stimulus1Id = ids[k + 1], Stimulus2Id = ids[k + 2], Condition = $"c{order}" });
                }
            }
            await db.SaveChangesAsync(Ct);
        }
        using var http = App.CreateClient();

        var lists = new List<int?>();
        for (var p = 0; p < 4; p++)
        {
            var participant = new ParticipantClient(http);
            var view = await participant.StartAsync(study.Id);
            await participant.ConsentAsync();
            await participant.AllTrialsAsync(); // trials are planned as they are fetched (ADR-018)
            await using var db = App.Database.CreateContext();
            lists.Add((await db.Sessions.AsNoTracking().SingleAsync(s => s.Id == view.SessionId, Ct)).FixedListNumber);
            var conditions = await db.Trials.Where(t => t.SessionId == view.SessionId).OrderBy(t => t.Index).Select(t => t.Condition).ToListAsync(Ct);
            Assert.Equal(["c0", "c1", "c2"], conditions);
        }

        Assert.Equal([0, 1, 0, 1], lists);
    }
}
