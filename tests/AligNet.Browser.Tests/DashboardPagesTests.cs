using System.Text.Json;
using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace AligNet.Browser.Tests;

/// <summary>
/// The dashboards on a known, seeded database: each chart must draw (plotly.js from the package, no CDN) and show the
/// numbers that independent SQL or the evaluation core compute, not the numbers of the page's own query.
/// </summary>
public partial class DashboardPagesTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly SemaphoreSlim Seeding = new(1, 1);
    private static DashboardSeed? seed;

    private async Task<DashboardSeed> SeedAsync()
    {
        await Seeding.WaitAsync();
        try
        {
            if (seed is not null) return seed;
            await using var db = fixture.App.Database.CreateContext();
            return seed = await DashboardSeed.CreateAsync(db);
        }
        finally
        {
            Seeding.Release();
        }
    }

    /// <summary>The plotted data of a chart, as plotly.js holds it in the browser.</summary>
    internal static async Task<JsonElement> PlottedAsync(IPage page, string chart)
    {
        await page.Locator($"#{chart}-plot .main-svg").First.WaitForAsync(new() { Timeout = 30_000 });
        return await page.EvaluateAsync<JsonElement>("id => document.getElementById(id).data.map(t => ({ name: t.name, x: t.x, y: t.y }))", chart + "-plot");
    }

    internal static double[] Ys(JsonElement trace) => [.. trace.GetProperty("y").EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? double.NaN : v.GetDouble())];
    internal static string[] Xs(JsonElement trace) => [.. trace.GetProperty("x").EnumerateArray().Select(v => v.ToString())];

    [Fact]
    public async Task The_staff_home_shows_todays_responses_qc_alerts_failed_runs_and_the_active_teacher_against_the_previous()
    {
        var data = await SeedAsync();
        long responsesToday;
        await using (var db = fixture.App.Database.CreateContext())
        {
            // Independent count: every response received since UTC midnight, however the page groups them.
            responsesToday = await db.Database.SqlQuery<long>($"""
                SELECT count(*) AS "Value" FROM alignet.responses WHERE "ReceivedAt" >= date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
                """).SingleAsync(TestContext.Current.CancellationToken);
        }
        Assert.Equal(DashboardSeed.Sessions * (DashboardSeed.MainTrials + DashboardSeed.Probes), responsesToday);
        DateTime latencyBin;
        await using (var db = fixture.App.Database.CreateContext()) latencyBin = await DashboardSeed.SeedLatencyAsync(db);

        var page = await Session.SignedInAsync(fixture, WebApp.AdminEmail, WebApp.AdminPassword, "/");
        // plotly.js must load from the app itself under the CSP: a refused script or style shows as a console error.
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        page.PageError += (_, e) => errors.Add(e);
        var scripts = new List<string>();
        page.Request += (_, r) => { if (r.ResourceType == "script") scripts.Add(r.Url); };
        await page.ReloadAsync();
        await Session.WaitUntilInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("stat-responses-today")).ToHaveTextAsync(responsesToday.ToString("N0"));
        var hourly = await PlottedAsync(page, "chart-responses-hourly");
        Assert.Equal(responsesToday, hourly.EnumerateArray().Sum(t => Ys(t).Sum()));

        // QC reasons as seeded: session 3 flagged for position bias, session 5 excluded for two reasons.
        var reasons = (await PlottedAsync(page, "chart-qc-reasons"))[0];
        Assert.Equal(new Dictionary<string, double> { ["catch accuracy"] = 1, ["position bias"] = 1, ["too fast"] = 1 },
            Xs(reasons).Zip(Ys(reasons)).ToDictionary(p => p.First, p => p.Second));
        await Assertions.Expect(page.GetByTestId("stat-qc-alerts")).ToHaveTextAsync("2");
        await Assertions.Expect(page.GetByTestId("grid-runs")).ToContainTextAsync("seeded failure: out of memory");

        // Server latency: both instances' buckets merged before the percentiles (hand-worked in SeedLatencyAsync).
        var latency = (await PlottedAsync(page, "chart-api-latency")).EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!);
        var at = Array.FindIndex(Xs(latency["p50"]), x => DateTime.Parse(x, System.Globalization.CultureInfo.InvariantCulture) == latencyBin);
        Assert.True(at >= 0, string.Join(", ", Xs(latency["p50"])));
        Assert.Equal((10.24, 204.8, 204.8), (Ys(latency["p50"])[at], Ys(latency["p95"])[at], Ys(latency["p99"])[at]));
        // Per route, each from its own counts: the answers all took ≤ 10.24 ms, the trial batches 204.8 ms.
        var routes = (await PlottedAsync(page, "chart-api-latency-routes")).EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!);
        double P95At(string route) => Ys(routes[route])[Array.FindIndex(Xs(routes[route]), x => DateTime.Parse(x, System.Globalization.CultureInfo.InvariantCulture) == latencyBin)];
        Assert.Equal((10.24, 204.8), (P95At("POST /api/p/responses"), P95At("GET /api/p/trials")));

        var teachers = await PlottedAsync(page, "chart-teachers");
        Assert.Equal([DashboardSeed.PreviousAccuracy], Ys(teachers[0]));
        Assert.Equal([DashboardSeed.ActiveAccuracy], Ys(teachers[1]));
        Assert.Equal([DashboardSeed.NoiseCeiling], Ys(teachers[2]));

        // The CSV link carries the same numbers.
        var csv = Uri.UnescapeDataString((await page.GetByTestId("chart-teachers-csv").GetAttributeAsync("href"))!.Split(',', 2)[1]);
        Assert.Contains("active version,Dashboard set,0.61,", csv);
        Assert.Contains(scripts, u => u.EndsWith("/_content/Plotly.Blazor/plotly-basic-3.7.0.min.js", StringComparison.Ordinal));
        Assert.All(scripts, u => Assert.StartsWith(fixture.App.BaseAddress.ToString(), u, StringComparison.Ordinal)); // no CDN
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        await BrowserFixture.ScreenshotAsync(page, "dashboard-home");
    }
}
