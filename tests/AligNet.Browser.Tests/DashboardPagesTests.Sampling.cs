using System.Text.Json;
using AligNet.TestSupport;
using Microsoft.Playwright;

namespace AligNet.Browser.Tests;

public partial class DashboardPagesTests
{
    /// <summary>
    /// A published simulation with hand-checkable numbers (3 seeds × 2 arms × 2 rounds). t(0.975, 2) = 4.302652729911275,
    /// so three values a, a ± 0.1 have the half-width 0.1 · t / √3 = 0.2484137711843753, and 0.5, 0.55, 0.6 have half of it.
    /// </summary>
    private static readonly string[] SeededCsv =
    [
        "arm,seed,round,responses,accuracy,oracle_agreement,held_out_nll,next_batch_entropy,train_seconds,score_seconds",
        "adaptive,0,0,100,0.5,0.61,1.0,1.05,1,0.1", "adaptive,1,0,100,0.6,0.61,1.0,1.06,1,0.1", "adaptive,2,0,100,0.7,0.61,1.0,1.07,1,0.1",
        "adaptive,0,1,200,0.7,0.71,0.9,,1,0", "adaptive,1,1,200,0.8,0.71,0.9,,1,0", "adaptive,2,1,200,0.9,0.71,0.9,,1,0",
        "random,0,0,100,0.4,0.41,1.1,0.80,1,0.1", "random,1,0,100,0.4,0.41,1.1,0.81,1,0.1", "random,2,0,100,0.4,0.41,1.1,0.82,1,0.1",
        "random,0,1,200,0.5,0.51,1.0,,1,0", "random,1,1,200,0.55,0.51,1.0,,1,0", "random,2,1,200,0.6,0.51,1.0,,1,0",
    ];

    private const double HalfWidth = 0.2484137711843753;

    [Fact]
    public async Task The_sampling_page_plots_each_arms_mean_across_seeds_with_its_t_interval_and_keeps_the_measure_in_the_address()
    {
        var folder = Directory.CreateDirectory(Path.Combine(fixture.ArtifactsRoot, "simulations", "sampling")).FullName;
        var ct = TestContext.Current.CancellationToken;
        await File.WriteAllLinesAsync(Path.Combine(folder, "seeded.csv"), SeededCsv, ct);
        await File.WriteAllLinesAsync(Path.Combine(folder, "broken.csv"), [SeededCsv[0], "adaptive,0,0,100,high,0.5,1,,1,0"], ct);
        File.SetLastWriteTimeUtc(Path.Combine(folder, "broken.csv"), DateTime.UtcNow.AddDays(-1)); // the newest is the default

        var page = await Session.SignedInAsync(fixture, WebApp.AdminEmail, WebApp.AdminPassword, "/research/sampling");
        var plotted = await ErrorBarsAsync(page, "chart-sampling");
        Assert.Equal(["adaptive", "random"], plotted.EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        var (adaptive, random) = (plotted[0], plotted[1]);
        Assert.Equal(["100", "200"], Xs(adaptive));
        Assert.Equal([0.6, 0.8], Ys(adaptive), Tolerance);
        Assert.Equal([0.4, 0.55], Ys(random), Tolerance);
        Assert.Equal([HalfWidth, HalfWidth], Numbers(adaptive, "plus"), Tolerance);
        Assert.Equal([HalfWidth, HalfWidth], Numbers(adaptive, "minus"), Tolerance);
        Assert.Equal([0, HalfWidth / 2], Numbers(random, "plus"), Tolerance); // identical values: no spread
        var entropy = await PlottedAsync(page, "chart-sampling-entropy");
        Assert.Equal([1.06], Ys(entropy[0]), Tolerance);
        Assert.Equal([0.81], Ys(entropy[1]), Tolerance);
        await BrowserFixture.ScreenshotAsync(page, "dashboard-sampling");

        // The permalink carries result and measure.
        await page.GotoAsync("/research/sampling?result=seeded&metric=agreement");
        await page.WaitForFunctionAsync("() => document.getElementById('chart-sampling-plot')?.data?.[0]?.y?.join() === '0.61,0.71'", null, new() { Timeout = 30_000 });
        var agreement = await ErrorBarsAsync(page, "chart-sampling");
        Assert.Equal([0.41, 0.51], Ys(agreement[1]), Tolerance);
        Assert.Contains("seeds", await page.Locator("[data-testid=chart-sampling]").InnerTextAsync());

        // A result that cannot be read says which value and how to fix it, not a stack trace.
        await page.GotoAsync("/research/sampling?result=broken");
        var problem = page.Locator("[data-testid=sampling-problem]");
        await Assertions.Expect(problem).ToContainTextAsync("accuracy 'high' is not a finite number");
        await Assertions.Expect(problem).ToContainTextAsync("--publish broken");
    }

    private static readonly IEqualityComparer<double> Tolerance = EqualityComparer<double>.Create((a, b) => Math.Abs(a - b) < 1e-9, v => 0);

    private static async Task<JsonElement> ErrorBarsAsync(IPage page, string chart)
    {
        await page.Locator($"#{chart}-plot .main-svg").First.WaitForAsync(new() { Timeout = 30_000 });
        return await page.EvaluateAsync<JsonElement>(
            "id => document.getElementById(id).data.map(t => ({ name: t.name, x: t.x, y: t.y, plus: t.error_y.array, minus: t.error_y.arrayminus }))", chart + "-plot");
    }

    private static double[] Numbers(JsonElement trace, string property) => [.. trace.GetProperty(property).EnumerateArray().Select(v => v.GetDouble())];
}
