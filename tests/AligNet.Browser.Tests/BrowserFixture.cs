using AligNet.TestSupport;
using Microsoft.Playwright;

namespace AligNet.Browser.Tests;

/// <summary>The real web app and worker plus Debian's Chromium, launched once for the tests of a class.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Never downloaded: Playwright drives the system's Chromium (apt-get install chromium).</summary>
    public static string ChromiumPath => Environment.GetEnvironmentVariable("ALIGNET_CHROMIUM") ?? "/usr/bin/chromium";

    private IPlaywright? playwright;
    public WebApp App { get; private set; } = null!;
    public HostProcess Worker { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    /// <summary>The model artifact folder web and worker share (the Sampling dashboard reads published simulations there).</summary>
    public string ArtifactsRoot { get; } = Directory.CreateTempSubdirectory("alignet-browser-artifacts-").FullName;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium not found at {ChromiumPath}: apt-get install chromium (deploy/test.sh does).");
        }
        // The 5 s default is too short on a loaded 2-core machine where several test hosts run at once.
        Assertions.SetDefaultExpectTimeout(30_000);
        App = await WebApp.StartAsync(new Dictionary<string, string?> { ["Artifacts__Root"] = ArtifactsRoot });
        Worker = HostProcess.Start("AligNet.Worker", "AligNet.Worker.dll",
            new Dictionary<string, string?>
            {
                ["ConnectionStrings__AligNet"] = App.Database.ConnectionString,
                ["Stimuli__Root"] = App.StimulusRoot,
                ["Artifacts__Root"] = ArtifactsRoot,
            });
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Without the background-networking flags Chromium keeps dialling Google's hosts on this closed network.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
        });
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = App.BaseAddress.ToString() });
        return await context.NewPageAsync();
    }

    /// <summary>Screenshots go to .test-results/ for a person to look at; they are not compared.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(RepoPaths.Root, ".test-results", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        playwright?.Dispose();
        if (Worker is not null) await Worker.DisposeAsync();
        if (App is not null) await App.DisposeAsync();
        Directory.Delete(ArtifactsRoot, recursive: true);
    }
}
