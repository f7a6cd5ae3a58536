using AligNet.Data.Runs;
using AligNet.Domain.Runs;
using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Npgsql;

namespace AligNet.Browser.Tests;

public partial class DashboardPagesTests
{
    [Fact]
    public async Task The_runs_timeline_draws_a_running_runs_whole_curve_from_its_start_extends_it_live_and_shows_a_finished_runs_stored_curve()
    {
        var data = await SeedAsync();
        var ct = TestContext.Current.CancellationToken;
        int runs;
        await using (var db = fixture.App.Database.CreateContext())
        {
            runs = await db.Runs.CountAsync(r => r.CreatedAt >= DateTimeOffset.UtcNow.AddDays(-7) && r.Kind != RunKind.Pipeline, ct);
        }
        await using var source = NpgsqlDataSource.Create(fixture.App.Database.ConnectionString);
        var writer = new RunProgressWriter(source);
        // The run trained epochs 2–6 (the seed wrote epoch 1) before anyone opened the page.
        double[] losses = [0.93, 0.88, 0.84, 0.81, 0.79];
        for (var i = 0; i < losses.Length; i++) writer.Write(data.RunningRunId, new RunProgress("λ=1", 0, null, Epoch: i + 2, Loss: losses[i], ValidationAccuracy: 0.42 + i / 100.0), appendToLog: false);

        var page = await Session.SignedInAsync(fixture, WebApp.AdminEmail, WebApp.AdminPassword, $"/research/runs/timeline?days=7&run={data.RunningRunId}");
        var timeline = await PlottedAsync(page, "chart-timeline");
        Assert.Equal(runs, timeline.EnumerateArray().Sum(t => Ys(t).Length));

        // Opened mid-run: the whole curve so far, the numbers of the stored rows (plain SQL), not only what arrives now.
        var (epochs, stored, accuracies) = await StoredCurveAsync(data.RunningRunId);
        Assert.Equal([1.05, .. losses], stored); // the hand-written numbers made it to the table, in order
        var loss = (await PlottedAsync(page, "chart-run-loss"))[0];
        Assert.Equal(stored, Ys(loss));
        Assert.Equal(epochs.Select(e => e.ToString()), Xs(loss));
        Assert.Equal(accuracies, Ys((await PlottedAsync(page, "chart-run-accuracy"))[0]));

        // The worker's next progress write (with its NOTIFY) extends the curve while the page is open.
        writer.Write(data.RunningRunId, new RunProgress("λ=1", 0, null, Epoch: 7, Loss: 0.77, ValidationAccuracy: 0.47), appendToLog: false);
        await page.WaitForFunctionAsync("() => document.getElementById('chart-run-loss-plot').data[0].y.join() === '1.05,0.93,0.88,0.84,0.81,0.79,0.77'", null, new() { Timeout = 30_000 });
        Assert.Equal(7, (await StoredCurveAsync(data.RunningRunId)).Losses.Length);
        await BrowserFixture.ScreenshotAsync(page, "dashboard-runs");

        // From the runs list, the running run's "Curves" link points at this timeline (the curve it opens is the one
        // checked above; following the link and waiting for the redraw timed out once on the loaded CI machine).
        await page.GotoAsync("/research/runs");
        var link = page.Locator($"[data-testid=run-curves-link][href*='run={data.RunningRunId}']");
        await Assertions.Expect(link).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex($@"/research/runs/timeline\?days=1&run={data.RunningRunId}$"));

        // A finished teacher: its version's stored curve, one line per λ.
        await page.GotoAsync($"/research/runs/timeline?days=7&run={data.FinishedRunId}");
        var accuracy = await PlottedAsync(page, "chart-run-accuracy");
        Assert.Equal(DashboardSeed.Curve.Where(p => p.Lambda == 1.0).Select(p => p.ValidationAccuracy), Ys(accuracy[0]));
        Assert.Equal(2, accuracy.GetArrayLength());
    }

    [Fact]
    public async Task The_runs_timeline_keeps_its_set_in_the_address_and_adds_a_launched_run_and_its_new_state_live()
    {
        var data = await SeedAsync();
        var ct = TestContext.Current.CancellationToken;
        var otherSetRun = Guid.NewGuid();
        await using (var db = fixture.App.Database.CreateContext())
        {
            var other = new AligNet.Domain.Stimuli.StimulusSet { Id = Guid.NewGuid(), Name = "Other timeline set", CreatedAt = DateTimeOffset.UtcNow };
            db.Add(other);
            db.Runs.Add(new Run { Id = otherSetRun, Kind = RunKind.Embeddings, State = RunState.Succeeded, Parameters = "{}", StimulusSetId = other.Id,
                CreatedAt = DateTimeOffset.UtcNow.AddHours(-1), StartedAt = DateTimeOffset.UtcNow.AddHours(-1), FinishedAt = DateTimeOffset.UtcNow.AddMinutes(-50), Outcome = "other set's run" });
            await db.SaveChangesAsync(ct);
        }

        // The permalink with the set: only that set's runs, counted by plain SQL.
        var address = $"/research/runs/timeline?days=7&set={data.SetId}";
        var page = await Session.SignedInAsync(fixture, WebApp.AdminEmail, WebApp.AdminPassword, address);
        var ofSet = await CountRunsAsync(data.SetId);
        Assert.Equal(ofSet, (await PlottedAsync(page, "chart-timeline")).EnumerateArray().Sum(t => Ys(t).Length));
        await Assertions.Expect(page.GetByTestId("grid-timeline")).Not.ToContainTextAsync("other set's run");
        // The curves link keeps the set (and days) in the address.
        await Assertions.Expect(page.GetByTestId("run-curves").First).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex($"set={data.SetId}"));

        // A run launched for the set while the page is open (a row and its NOTIFY, as RunLauncher does) appears, then
        // its new state: the timeline follows every run's announcements, not only the chosen run's.
        var launched = Guid.NewGuid();
        await using (var db = fixture.App.Database.CreateContext())
        {
            db.Runs.Add(new Run { Id = launched, Kind = RunKind.Teacher, State = RunState.Queued, Parameters = "{}", StimulusSetId = data.SetId, CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync(ct);
            await RunNotifications.NotifyAsync(db, [launched], ct);
        }
        await page.WaitForFunctionAsync($"() => document.getElementById('chart-timeline-plot').data.some(t => t.name === 'Queued' && t.y.length === 1)", null, new() { Timeout = 30_000 });
        Assert.Equal(ofSet + 1, (await PlottedAsync(page, "chart-timeline")).EnumerateArray().Sum(t => Ys(t).Length));
        await using (var db = fixture.App.Database.CreateContext())
        {
            await db.Runs.Where(r => r.Id == launched).ExecuteUpdateAsync(r => r.SetProperty(x => x.State, RunState.Cancelled)
                .SetProperty(x => x.FinishedAt, DateTimeOffset.UtcNow).SetProperty(x => x.Outcome, "cancelled in the test"), ct);
            await RunNotifications.NotifyAsync(db, [launched], ct);
        }
        await page.WaitForFunctionAsync("() => !document.getElementById('chart-timeline-plot').data.some(t => t.name === 'Queued') && document.getElementById('chart-timeline-plot').data.some(t => t.name === 'Cancelled')", null, new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("grid-timeline")).ToContainTextAsync("cancelled in the test");

        // Without the set, the other set's run is there too.
        await page.GotoAsync("/research/runs/timeline?days=7");
        await Assertions.Expect(page.GetByTestId("grid-timeline")).ToContainTextAsync("other set's run");
        Assert.Equal(await CountRunsAsync(null), (await PlottedAsync(page, "chart-timeline")).EnumerateArray().Sum(t => Ys(t).Length));
    }

    private async Task<int> CountRunsAsync(Guid? setId)
    {
        await using var db = fixture.App.Database.CreateContext();
        var all = setId is null;
        return await db.Database.SqlQuery<int>($"""
            SELECT count(*)::int AS "Value" FROM alignet.runs
            WHERE "CreatedAt" >= now() - interval '7 days' AND "Kind" <> 'Pipeline' AND ({all} OR "StimulusSetId" = {setId ?? Guid.Empty})
            """).SingleAsync(TestContext.Current.CancellationToken);
    }

    private async Task<(int[] Epochs, double[] Losses, double[] Accuracies)> StoredCurveAsync(Guid runId)
    {
        await using var connection = new NpgsqlConnection(fixture.App.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT array_agg("Epoch" ORDER BY "Seq"), array_agg("Loss" ORDER BY "Seq"), array_agg("ValidationAccuracy" ORDER BY "Seq")
            FROM alignet.run_curve_points WHERE "RunId" = $1
            """, connection) { Parameters = { new() { Value = runId } } };
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetFieldValue<int[]>(0), reader.GetFieldValue<double[]>(1), reader.GetFieldValue<double[]>(2));
    }
}
