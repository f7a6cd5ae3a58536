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
        await GivePhotographAsync(stimulus);
        await page.Mouse.MoveAsync(box.X + box.Width / 2 + 30, box.Y + box.Height / 2 + 30);
        await page.Mouse.MoveAsync(box.X + box.Width / 2, box.Y + box.Height / 2, new() { Steps = 5 });

        await Assertions.Expect(image).ToBeVisibleAsync();
        await Assertions.Expect(image).ToHaveAttributeAsync("src", $"/api/stimuli/{stimulus}/image?w=160");
        await Assertions.Expect(image).ToHaveAttributeAsync("alt", label);
        // The picture itself loaded and decoded in Chromium: the 435×374 photograph served at the 160 px bucket, aspect
        // kept (374 · 160 / 435 = 137.6 → 138). A failed load leaves naturalWidth 0.
        await Assertions.Expect(image).ToHaveJSPropertyAsync("naturalWidth", 160);
        await Assertions.Expect(image).ToHaveJSPropertyAsync("naturalHeight", 138);
        await page.GetByTestId("chart-stimulus-map").ScreenshotAsync(new() { Path = Path.Combine(RepoPaths.Root, ".test-results", "screenshots", "dashboard-models-hover.png") });

        await page.Mouse.MoveAsync(5, 5, new() { Steps = 5 });
        await Assertions.Expect(image).ToBeHiddenAsync();
    }

    /// <summary>
    /// Gives the seeded stimulus (which has no image) a real photograph from the Tux Paint stamps that
    /// deploy/prerequisites.sh installs: the file goes into the web app's stimulus store, its facts into the row.
    /// </summary>
    private async Task GivePhotographAsync(Guid stimulus)
    {
        const string photograph = "/usr/share/tuxpaint/stamps/animals/birds/albino_peahen.png";
        Assert.True(File.Exists(photograph), $"{photograph} is missing: install tuxpaint-stamps-default (deploy/prerequisites.sh --tests).");
        var bytes = await File.ReadAllBytesAsync(photograph);
        var relative = Path.Combine("dashboard-hover", Path.GetFileName(photograph));
        Directory.CreateDirectory(Path.Combine(fixture.App.StimulusRoot, "dashboard-hover"));
        await File.WriteAllBytesAsync(Path.Combine(fixture.App.StimulusRoot, relative), bytes);
        // PNG: width and height are the big-endian integers at bytes 16 and 20 (the IHDR chunk).
        var (width, height) = (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
        Assert.Equal((435, 374), (width, height));
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        await using var db = fixture.App.Database.CreateContext();
        await db.Stimuli.Where(s => s.Id == stimulus).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.ImagePath, relative).SetProperty(x => x.ContentType, "image/png").SetProperty(x => x.Sha256, sha)
            .SetProperty(x => x.Width, width).SetProperty(x => x.Height, height), TestContext.Current.CancellationToken);
    }
}
