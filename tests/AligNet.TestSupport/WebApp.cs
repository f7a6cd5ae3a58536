namespace AligNet.TestSupport;

/// <summary>The real web app on a free loopback port, on a database of its own, with a known first admin.</summary>
public sealed class WebApp : IAsyncDisposable
{
    public const string AdminEmail = "admin@test.local";
    public const string AdminPassword = "Test-Admin-Password-1";

    private readonly IReadOnlyDictionary<string, string?> environment;

    private WebApp(TestDatabase database, HostProcess process, Uri baseAddress, string stimulusRoot, IReadOnlyDictionary<string, string?> environment)
    {
        this.environment = environment;
        StimulusRoot = stimulusRoot;
        Database = database;
        Process = process;
        BaseAddress = baseAddress;
    }

    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    public TestDatabase Database { get; }
    public HostProcess Process { get; private set; }
    public Uri BaseAddress { get; }

    /// <summary>The image store; a worker serving this app must use the same folder.</summary>
    public string StimulusRoot { get; }

    /// <param name="connectionThrough">Rewrites the app's connection string, e.g. to reach PostgreSQL through a <see cref="LoopbackTcpProxy"/>.</param>
    public static async Task<WebApp> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, Func<string, string>? connectionThrough = null)
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        var port = HostProcess.FreePort();
        var url = $"http://127.0.0.1:{port}";
        var stimulusRoot = Path.Combine(Path.GetTempPath(), database.Name);
        var environment = new Dictionary<string, string?>
        {
            ["ConnectionStrings__AligNet"] = connectionThrough is null ? database.ConnectionString : connectionThrough(database.ConnectionString),
            ["Admin__Email"] = AdminEmail,
            ["Admin__Password"] = AdminPassword,
            ["Stimuli__Root"] = stimulusRoot,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) environment[key] = value;
        var process = HostProcess.Start("AligNet.Web", "AligNet.Web.dll", environment, "--urls", url);
        // Generous: on a loaded 2-core machine several test hosts start at once.
        if (!await process.WaitForOutputAsync("Now listening on", StartTimeout))
        {
            var state = process.HasExited ? "exited" : $"still silent after {StartTimeout.TotalSeconds} s";
            var output = process.Output;
            await process.DisposeAsync();
            await database.DisposeAsync();
            throw new InvalidOperationException($"The web app did not start ({state}):\n" + output);
        }
        return new WebApp(database, process, new Uri(url), stimulusRoot, environment);
    }

    /// <summary>
    /// Kills the web process with SIGKILL (no shutdown, no flushing) and starts a fresh one on the same address and
    /// database, as a supervisor would after a crash. Returns when the new one listens.
    /// </summary>
    public async Task KillAndRestartAsync()
    {
        await Process.DisposeAsync(); // Process.Kill: SIGKILL on Linux
        Process = HostProcess.Start("AligNet.Web", "AligNet.Web.dll", environment, "--urls", BaseAddress.ToString().TrimEnd('/'));
        if (!await Process.WaitForOutputAsync("Now listening on", StartTimeout))
        {
            throw new InvalidOperationException("The web app did not start again after SIGKILL:\n" + Process.Output);
        }
    }

    public HttpClient CreateClient(bool followRedirects = false) =>
        new(new HttpClientHandler { AllowAutoRedirect = followRedirects, UseCookies = true }) { BaseAddress = BaseAddress };

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        await Database.DisposeAsync();
    }
}
