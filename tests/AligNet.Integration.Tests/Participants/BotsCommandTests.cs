using System.Text.Json;
using AligNet.Domain.Studies;
using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Integration.Tests.Participants;

/// <summary><c>alignet bots</c> as an operator runs it, against the real web app and PostgreSQL.</summary>
public class BotsCommandTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Five_flat_out_bots_complete_their_sessions_and_every_acknowledged_response_is_stored_exactly_once()
    {
        var app = fixture.App;
        Study study;
        await using (var db = app.Database.CreateContext()) study = await ParticipantStudy.CreateAsync(db, app.StimulusRoot);

        await using var bots = HostProcess.Start("AligNet.Cli", "alignet.dll", new Dictionary<string, string?>
        {
            ["ConnectionStrings__AligNet"] = app.Database.ConnectionString,
        }, "bots", "--url", app.BaseAddress.ToString(), "--study", study.Id.ToString(), "--participants", "5",
            "--think-ms", "0", "--concurrency-ramp-s", "0", "--noise", "0", "--json");
        var exit = await bots.WaitForExitAsync(TimeSpan.FromMinutes(3));

        Assert.True(exit == 0, bots.Output);
        var output = bots.Output;
        var report = JsonDocument.Parse(output[output.IndexOf('{')..]).RootElement;
        var acknowledged = report.GetProperty("responses_acknowledged").GetInt64();
        await using var check = app.Database.CreateContext();
        var sessions = await check.Sessions.Where(s => s.StudyId == study.Id).Select(s => s.Id).ToListAsync(Ct);
        var stored = await check.Responses.Where(r => sessions.Contains(r.SessionId)).Select(r => new { r.Id, r.TrialId }).ToListAsync(Ct);

        Assert.Equal(5, sessions.Count);
        Assert.Equal(5, report.GetProperty("sessions_completed").GetInt64());
        Assert.Equal(5 * study.TotalTrials, acknowledged);
        Assert.Equal(acknowledged, stored.Count); // nothing lost, nothing stored unacknowledged
        Assert.Equal(stored.Count, stored.Select(r => r.TrialId).Distinct().Count()); // no trial answered twice
        var verdict = report.GetProperty("database");
        Assert.Equal(0, verdict.GetProperty("lost").GetInt64());
        Assert.Equal(0, verdict.GetProperty("duplicate_trials").GetInt64());
        Assert.True(report.GetProperty("client_latency_ms").GetProperty("response").GetProperty("count").GetInt64() >= acknowledged);
    }

    [Fact]
    public async Task Bots_answer_from_the_category_hierarchy_so_catch_trials_are_passed()
    {
        var app = fixture.App;
        Study study;
        await using (var db = app.Database.CreateContext()) study = await ParticipantStudy.CreateAsync(db, app.StimulusRoot, s => s.CatchTrialShare = 0.3);

        await using var bots = HostProcess.Start("AligNet.Cli", "alignet.dll", new Dictionary<string, string?>
        {
            ["ConnectionStrings__AligNet"] = app.Database.ConnectionString,
        }, "bots", "--url", app.BaseAddress.ToString(), "--study", study.Id.ToString(), "--participants", "2",
            "--think-ms", "0", "--concurrency-ramp-s", "0", "--noise", "0");
        Assert.True(await bots.WaitForExitAsync(TimeSpan.FromMinutes(3)) == 0, bots.Output);

        await using var check = app.Database.CreateContext();
        var catches = await check.Responses.Where(r => r.Trial!.Kind == Domain.Participation.TrialKind.Catch && r.Trial.Session!.StudyId == study.Id)
            .Select(r => new { r.ChosenPosition, r.Trial!.ExpectedPosition }).ToListAsync(Ct);
        Assert.NotEmpty(catches);
        Assert.All(catches, c => Assert.Equal(c.ExpectedPosition, c.ChosenPosition));
    }
}
