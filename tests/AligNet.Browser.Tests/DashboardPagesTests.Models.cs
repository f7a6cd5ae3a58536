using AligNet.TestSupport;
using Microsoft.Playwright;

namespace AligNet.Browser.Tests;

public partial class DashboardPagesTests
{
    [Fact]
    public async Task The_models_dashboard_draws_teachers_over_time_and_the_evaluation_per_level_with_intervals_from_the_stored_report()
    {
        var data = await SeedAsync();
        var page = await Session.SignedInAsync(fixture, WebApp.AdminEmail, WebApp.AdminPassword, $"/research/models?set={data.SetId}");

        var accuracy = await PlottedAsync(page, "chart-teacher-accuracy");
        Assert.Equal([DashboardSeed.PreviousAccuracy, DashboardSeed.ActiveAccuracy], Ys(accuracy[0])); // oldest first
        Assert.Equal([DashboardSeed.NoiseCeiling, DashboardSeed.NoiseCeiling], Ys(accuracy[2]));

        // The evaluation core's SuiteReport is the reference: each bar is its figure, each error bar its interval.
        var report = DashboardSeed.Report;
        var levels = await PlottedAsync(page, "chart-eval-levels");
        Assert.Equal(["all", "between_class", "within_class"], Xs(levels[1]));
        double[] teacher = [report.All.Models[0]["accuracy"]!.Value, .. report.Levels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(p => p.Value).Select(l => l.Models[0]["accuracy"]!.Value)];
        Assert.Equal(teacher, Ys(levels[1]));
        double[] ceiling = [report.All.Human["noise_ceiling"]!.Value, .. report.Levels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(p => p.Value).Select(l => l.Human["noise_ceiling"]!.Value)];
        Assert.Equal(ceiling, Ys(levels[2]));
        var upper = await page.EvaluateAsync<double[]>("id => document.getElementById(id).data[1].error_y.array", "chart-eval-levels-plot");
        Assert.Equal(report.All.Models[0]["accuracy"]!.CiHigh!.Value - teacher[0], upper[0], 9);

        var reliability = await PlottedAsync(page, "chart-reliability");
        Assert.Equal(report.Calibration[0].Bins.Select(b => b.Accuracy!.Value), Ys(reliability[0]));
        await PlottedAsync(page, "chart-rt-rho");

        // The per-triplet scatter: one series per level, x = the teacher's entropy, y = RT, as seeded; the count stated.
        var scatter = (await PlottedAsync(page, "chart-rt-scatter")).EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!);
        foreach (var level in report.RtPoints!.Points.GroupBy(p => p.Level))
        {
            Assert.Equal(level.Select(p => p.Entropy[0]), Xs(scatter[level.Key]).Select(x => double.Parse(x, System.Globalization.CultureInfo.InvariantCulture)));
            Assert.Equal(level.Select(p => p.RtMs), Ys(scatter[level.Key]));
        }
        Assert.Equal(2, scatter.Count);
        // The CSV carries both: y = the geometric mean RT in ms, the label = the mean log RT (ln s) that ρ ranks.
        var csv = Uri.UnescapeDataString((await page.GetByTestId("chart-rt-scatter-csv").GetAttributeAsync("href"))!.Split(',', 2)[1]);
        foreach (var p in report.RtPoints!.Points)
        {
            var logRt = Math.Log(p.RtMs / 1000).ToString("F6", System.Globalization.CultureInfo.InvariantCulture);
            Assert.Contains($"{p.Level},{p.Entropy[0].ToString("R", System.Globalization.CultureInfo.InvariantCulture)},{p.RtMs.ToString("R", System.Globalization.CultureInfo.InvariantCulture)},,,mean log RT {logRt} ln s", csv);
        }
        await Assertions.Expect(page.GetByTestId("chart-rt-scatter")).ToContainTextAsync("exp(mean log RT)");
        await Assertions.Expect(page.GetByTestId("chart-rt-scatter")).ToContainTextAsync("3 of 5 triplets with a reaction time");

        // The stimulus map: one series per category, and (the embeddings being exactly 2-D) every distance kept.
        var map = await PlottedAsync(page, "chart-stimulus-map");
        Assert.Equal(DashboardSeed.Categories.Order(StringComparer.Ordinal), map.EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        var labels = await page.EvaluateAsync<string[][]>("id => document.getElementById(id).data.map(t => t.hovertext)", "chart-stimulus-map-plot");
        var points = map.EnumerateArray().Zip(labels).SelectMany(p => Xs(p.First).Select(double.Parse).Zip(Ys(p.First), p.Second)
            .Select(q => (Item: int.Parse(q.Third.Split(' ')[1]), X: q.First, Y: q.Second))).OrderBy(q => q.Item).ToList();
        Assert.Equal(9, points.Count);
        for (var i = 0; i < 9; i++)
        {
            for (var j = i + 1; j < 9; j++)
            {
                var original = Math.Sqrt(DashboardSeed.Embedding(i).Zip(DashboardSeed.Embedding(j)).Sum(p => Math.Pow(p.First - p.Second, 2)));
                Assert.Equal(original, Math.Sqrt(Math.Pow(points[i].X - points[j].X, 2) + Math.Pow(points[i].Y - points[j].Y, 2)), 3);
            }
        }
        await BrowserFixture.ScreenshotAsync(page, "dashboard-models");

        // Choosing the older version changes the address (the permalink) and shows it has no evaluation.
        await page.GetByTestId("version-link").First.ClickAsync();
        await page.WaitForURLAsync(u => u.Contains($"set={data.SetId}&version="), new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("no-evaluation")).ToBeVisibleAsync();
    }
}
