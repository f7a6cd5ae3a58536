using System.IO.Compression;
using AligNet.TestSupport;
using Microsoft.Playwright;

namespace AligNet.Browser.Tests;

public class ResearchPagesTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static string Zip(params (string Name, byte[] Bytes)[] entries)
    {
        var path = Path.Combine(Path.GetTempPath(), $"set-{Guid.NewGuid():N}.zip");
        using var archive = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, bytes) in entries)
        {
            using var stream = archive.CreateEntry(name).Open();
            stream.Write(bytes);
        }
        return path;
    }

    /// <summary>As a person does it: click the button, pick the file in the browser's file chooser.</summary>
    private static async Task ChooseFileAsync(IPage page, string path)
    {
        var chooser = await page.RunAndWaitForFileChooserAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Choose zip and import" }).ClickAsync());
        await chooser.SetFilesAsync(path);
    }

    [Fact]
    public async Task A_researcher_uploads_a_zip_sees_every_problem_then_imports_a_clean_one()
    {
        var page = await Session.SignedInAsync(fixture, WebApp.AdminEmail, WebApp.AdminPassword, "/research/stimulus-sets");
        var bad = Zip(("manifest.csv", "file,label\na.png,a\nmissing.png,b\n"u8.ToArray()), ("a.png", TestImages.Png(1)));
        var good = Zip(("manifest.csv", "file,label,category\na.png,red,colours/warm\nb.png,green,colours/cold\nc.png,blue,colours/cold\n"u8.ToArray()),
            ("a.png", TestImages.Png(255)), ("b.png", TestImages.Png(0, 255)), ("c.png", TestImages.Png(0, 0, 255)));

        await page.GetByLabel("Name of the new set").FillAsync("Colours");
        await ChooseFileAsync(page, bad);
        await Assertions.Expect(page.GetByTestId("import-result")).ToHaveTextAsync("Not imported: 1 problem(s).");
        await Assertions.Expect(page.GetByTestId("import-problems")).ToContainTextAsync("line 3: missing.png: file not found in the source.");
        await page.GetByLabel("Name of the new set").FillAsync("Colours");

        await ChooseFileAsync(page, good);
        await Assertions.Expect(page.GetByTestId("import-result")).ToHaveTextAsync("Imported 3 stimuli as 'Colours'.");
        await Assertions.Expect(page.GetByTestId("sets-table")).ToContainTextAsync("Colours");

        // The web tier only enqueues; the worker process computes the ResNet18 features and stores them.
        await page.GetByRole(AriaRole.Button, new() { Name = "Compute ResNet18 embeddings" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("embedding-job")).ToContainTextAsync("queued");
        var deadline = DateTime.UtcNow.AddMinutes(2);
        string table;
        do
        {
            await Task.Delay(2_000, TestContext.Current.CancellationToken);
            await page.ReloadAsync();
            table = await page.GetByTestId("sets-table").InnerTextAsync();
        }
        while (!table.Contains("resnet18-onnx/0.23.1", StringComparison.Ordinal) && DateTime.UtcNow < deadline);
        Assert.Contains("resnet18-onnx/0.23.1", table);
        await BrowserFixture.ScreenshotAsync(page, "stimulus-sets");

        // Both the import and the job it scheduled are in the audit log.
        await page.GotoAsync("/admin/audit");
        await Assertions.Expect(page.GetByTestId("audit-table")).ToContainTextAsync("stimulus-set.import");
        await Assertions.Expect(page.GetByTestId("audit-table")).ToContainTextAsync("job.schedule");
    }
}
