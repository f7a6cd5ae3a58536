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
    public async Task The_runs_timeline_shows_every_run_and_draws_a_running_runs_progress_live_and_a_finished_runs_stored_curve()
    {
        var data = await SeedAsync();
        var ct = TestContext.Current.CancellationToken;
        int runs;
        await using (var db = fixture.App.Database.CreateContext())
        {
            runs = await db.Runs.CountAsync(r => r.CreatedAt >= DateTimeOffset.UtcNow.AddDays(-7) && r.Kind != RunKind.Pipeline, ct);
        }
        var page = await Session.SignedInAsync(fixture, WebApp.AdminEmail, WebApp.AdminPassword, $"/research/runs/timeline?days=7&run={data.RunningRunId}");
        var timeline = await PlottedAsync(page, "chart-timeline");
        Assert.Equal(runs, timeline.EnumerateArray().Sum(t => Ys(t).Length));

        // The worker's progress writes (with their NOTIFY) extend the live curve while the page is open.
        var live = await PlottedAsync(page, "chart-run-loss");
        Assert.Equal([1.05], Ys(live[0]));
        await using (var source = NpgsqlDataSource.Create(fixture.App.Database.ConnectionString))
        {
            new RunProgressWriter(source).Write(data.RunningRunId, new RunProgress("λ=1", 0, null, Epoch: 2, Loss: 0.93, ValidationAccuracy: 0.47), appendToLog: false);
        }
        await page.WaitForFunctionAsync("() => document.getElementById('chart-run-loss-plot').data[0].y.join() === '1.05,0.93'", null, new() { Timeout = 30_000 });
        await BrowserFixture.ScreenshotAsync(page, "dashboard-runs");

        // A finished teacher: its version's stored curve, one line per λ.
        await page.GotoAsync($"/research/runs/timeline?days=7&run={data.FinishedRunId}");
        var accuracy = await PlottedAsync(page, "chart-run-accuracy");
        Assert.Equal(DashboardSeed.Curve.Where(p => p.Lambda == 1.0).Select(p => p.ValidationAccuracy), Ys(accuracy[0]));
        Assert.Equal(2, accuracy.GetArrayLength());
    }
}
