using System.Globalization;
using AligNet.TestSupport;
using Microsoft.Playwright;

namespace AligNet.Browser.Tests;

public partial class DashboardPagesTests
{
    [Fact]
    public async Task The_models_dashboard_draws_the_stored_map_of_the_teachers_representation_beside_the_base_map_and_a_student_without_one_says_so()
    {
        var data = await SeedAsync();
        var page = await Session.SignedInAsync(fixture, WebApp.AdminEmail, WebApp.AdminPassword, $"/research/models?set={data.SetId}");

        // Every stimulus at the coordinates the evaluation stored, coloured by its category, labelled for hover.
        var map = await PlottedAsync(page, "chart-version-map");
        Assert.Equal(DashboardSeed.Categories.Order(StringComparer.Ordinal), map.EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        var labels = await page.EvaluateAsync<string[][]>("id => document.getElementById(id).data.map(t => t.hovertext)", "chart-version-map-plot");
        var images = await page.EvaluateAsync<string[][]>("id => document.getElementById(id).data.map(t => t.customdata)", "chart-version-map-plot");
        var points = map.EnumerateArray().Zip(labels).SelectMany(p => Xs(p.First).Select(x => double.Parse(x, CultureInfo.InvariantCulture)).Zip(Ys(p.First), p.Second)
            .Select(q => (Item: int.Parse(q.Third.Split(' ')[1], CultureInfo.InvariantCulture), Category: p.First.GetProperty("name").GetString(), X: q.First, Y: q.Second)))
            .OrderBy(q => q.Item).ToList();
        Assert.Equal(Enumerable.Range(0, 9), points.Select(p => p.Item));
        foreach (var p in points)
        {
            Assert.Equal(DashboardSeed.TeacherMap(p.Item), (p.X, p.Y));
            Assert.Equal(DashboardSeed.Categories[p.Item / 3], p.Category);
        }
        Assert.All(images.SelectMany(i => i), src => Assert.Matches("^/api/stimuli/[0-9a-f-]{36}/image\\?w=160$", src));
        await Assertions.Expect(page.GetByTestId("chart-version-map")).ToContainTextAsync("teacher");

        // Choosing a student (its stored evaluation has no map) keeps the choice in the address and says what to do.
        await Choose.OptionAsync(page, page.GetByTestId("map-version"), "UnAligNet student", exact: false);
        await page.WaitForURLAsync(u => u.Contains("&map="), new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("chart-version-map")).ToContainTextAsync("stores no map");
        await Assertions.Expect(page.GetByTestId("chart-version-map")).ToContainTextAsync("UnAligNet student");
    }
}
