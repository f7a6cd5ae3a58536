using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace AligNet.Browser.Tests;

public partial class DashboardPagesTests
{
    [Fact]
    public async Task Hovering_a_point_of_the_stimulus_map_shows_that_stimulus_image_beside_the_cursor()
    {
        var data = await SeedAsync();
        var page = await Session.SignedInAsync(fixture, WebApp.AdminEmail, WebApp.AdminPassword, $"/research/models?set={data.SetId}");
        await PlottedAsync(page, "chart-stimulus-map");
        var image = page.GetByTestId("chart-stimulus-map-plot-hover-image");
        await Assertions.Expect(image).ToBeAttachedAsync(new() { Timeout = 30_000 }); // the module attached to the plot
        await Assertions.Expect(image).ToBeHiddenAsync();

        // The second trace's third marker, as the browser drew it; which stimulus it is comes from plotly's own data.
        var marker = page.Locator("#chart-stimulus-map-plot .scatterlayer .trace").Nth(1).Locator("path.point").Nth(2);
        await marker.ScrollIntoViewIfNeededAsync();
        var box = await marker.BoundingBoxAsync() ?? throw new InvalidOperationException("The marker is not drawn.");
        var label = await page.EvaluateAsync<string>("id => document.getElementById(id).data[1].hovertext[2]", "chart-stimulus-map-plot");
        Guid stimulus;
        await using (var db = fixture.App.Database.CreateContext())
        {
            stimulus = await db.Stimuli.Where(s => s.StimulusSetId == data.SetId && s.Label == label).Select(s => s.Id).SingleAsync(TestContext.Current.CancellationToken);
        }
        await page.Mouse.MoveAsync(box.X + box.Width / 2 + 30, box.Y + box.Height / 2 + 30);
        await page.Mouse.MoveAsync(box.X + box.Width / 2, box.Y + box.Height / 2, new() { Steps = 5 });

        await Assertions.Expect(image).ToBeVisibleAsync();
        await Assertions.Expect(image).ToHaveAttributeAsync("src", $"/api/stimuli/{stimulus}/image?w=160");
        await Assertions.Expect(image).ToHaveAttributeAsync("alt", label);
        await page.GetByTestId("chart-stimulus-map").ScreenshotAsync(new() { Path = Path.Combine(RepoPaths.Root, ".test-results", "screenshots", "dashboard-models-hover.png") });

        await page.Mouse.MoveAsync(5, 5, new() { Steps = 5 });
        await Assertions.Expect(image).ToBeHiddenAsync();
    }
}
