using AligNet.Evaluation.Suite;
using AligNet.TestSupport;
using Microsoft.Playwright;

namespace AligNet.Browser.Tests;

public partial class DashboardPagesTests
{
    [Fact]
    public async Task The_models_dashboard_draws_base_teacher_and_both_students_per_level_and_the_students_transfer_figures_from_their_stored_reports()
    {
        var data = await SeedAsync();
        var page = await Session.SignedInAsync(fixture, WebApp.AdminEmail, WebApp.AdminPassword, $"/research/models?set={data.SetId}");

        // References: the SuiteReport objects the seed wrote, read per level here (not through the page's report view).
        static double[] PerLevel(SuiteReport r, int model) =>
            [r.All.Models[model]["accuracy"]!.Value, .. r.Levels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Value.Models[model]["accuracy"]!.Value)];
        var chart = await PlottedAsync(page, "chart-student-levels");
        var series = chart.EnumerateArray().ToList();
        Assert.Equal(4, series.Count);
        Assert.Equal(["all", "between_class", "within_class"], Xs(series[0]));
        Assert.Equal("base model", series[0].GetProperty("name").GetString());
        Assert.Equal(PerLevel(DashboardSeed.UnalignedReport, 1), Ys(series[0])); // the newest student's base model
        Assert.Equal("teacher", series[1].GetProperty("name").GetString());
        Assert.Equal(PerLevel(DashboardSeed.Report, 0), Ys(series[1]));
        Assert.StartsWith("AligNet student", series[2].GetProperty("name").GetString());
        Assert.Equal(PerLevel(DashboardSeed.AlignedReport, 0), Ys(series[2]));
        Assert.StartsWith("UnAligNet student", series[3].GetProperty("name").GetString());
        Assert.Equal(PerLevel(DashboardSeed.UnalignedReport, 0), Ys(series[3]));
        var below = await page.EvaluateAsync<double[]>("id => document.getElementById(id).data[2].error_y.arrayminus", "chart-student-levels-plot");
        var within = DashboardSeed.AlignedReport.Levels["within_class"].Models[0]["accuracy"]!;
        Assert.Equal(within.Value - within.CiLow!.Value, below[2], 9);

        // Few-shot, corruption and retention only where the stored report has them: the AligNet student's.
        var grid = page.GetByTestId("grid-student-transfer");
        var fewShot = grid.Locator("tr", new() { HasText = "few-shot 5-way 1-shot" });
        await Assertions.Expect(fewShot).ToContainTextAsync("AligNet student");
        await Assertions.Expect(fewShot).ToContainTextAsync(DashboardSeed.FewShot.Value.ToString("F3", System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(fewShot).ToContainTextAsync(DashboardSeed.FewShotBase.Value.ToString("F3", System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(fewShot).ToContainTextAsync("0.780 – 0.840");
        var corruption = grid.Locator("tr", new() { HasText = "corruption blur-3" });
        await Assertions.Expect(corruption).ToContainTextAsync("0.570");
        await Assertions.Expect(corruption).ToContainTextAsync("0.410");
        await Assertions.Expect(grid.Locator("tr", new() { HasText = "retention" })).ToContainTextAsync("0.930");
        await Assertions.Expect(grid.Locator("tr", new() { HasText = "style shift" })).ToContainTextAsync(DashboardSeed.StyleShiftMissing);
        await Assertions.Expect(grid.Locator("tbody tr")).ToHaveCountAsync(4);
        await Assertions.Expect(grid).Not.ToContainTextAsync("UnAligNet student");

        await page.GetByTestId("chart-student-levels").ScrollIntoViewIfNeededAsync();
        await BrowserFixture.ScreenshotAsync(page, "dashboard-models-students");
    }
}
