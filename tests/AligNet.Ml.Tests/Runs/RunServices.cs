using AligNet.Data;
using AligNet.Jobs;
using AligNet.Pipelines;
using AligNet.TestSupport;
using Hangfire;
using Hangfire.Logging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AligNet.Ml.Tests.Runs;

/// <summary>
/// The worker's own registrations (data, Hangfire storage, pipelines) on a test database, without a Hangfire
/// server: tests call a job's RunAsync(runId) themselves, as a worker would, and can call it twice.
/// </summary>
public sealed class RunServices : IAsyncDisposable
{
    private RunServices(TestDatabase database, ServiceProvider services, string root)
    {
        Database = database;
        Services = services;
        Root = root;
    }

    public TestDatabase Database { get; }
    public ServiceProvider Services { get; }
    public string Root { get; }
    public string Artifacts => Path.Combine(Root, "artifacts");

    /// <param name="settings">Extra configuration, as the worker would read it (e.g. <c>Runs:QueueLimits:gpu</c>).</param>
    public static async Task<RunServices> StartAsync(Action<IServiceCollection>? configure = null, IDictionary<string, string?>? settings = null)
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        var root = Directory.CreateTempSubdirectory("alignet-runs-").FullName;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:AligNet"] = database.ConnectionString,
            ["Stimuli:Root"] = Path.Combine(root, "stimuli"),
            ["Artifacts:Root"] = Path.Combine(root, "artifacts"),
        }.Concat(settings ?? new Dictionary<string, string?>())).Build();
        var collection = new ServiceCollection()
            .AddLogging(l => l.SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Warning))
            .AddAligNetData(configuration)
            .AddAligNetJobStorage(database.ConnectionString)
            .AddAligNetPipelines(configuration);
        configure?.Invoke(collection);
        var services = collection.BuildServiceProvider();
        // Hangfire's log provider is global and AddHangfire binds it to this provider's logger factory; once an earlier
        // test class disposed its provider, reading a contract's [AutomaticRetry] (its constructor asks for a logger) threw
        // ObjectDisposedException in tests running beside it. Configure now, then make the global provider log nothing.
        services.GetRequiredService<IGlobalConfiguration>();
        GlobalConfiguration.Configuration.UseLogProvider(new QuietLogProvider());
        return new RunServices(database, services, root);
    }

    private sealed class QuietLogProvider : ILogProvider, ILog
    {
        public ILog GetLogger(string name) => this;
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Database.DisposeAsync();
        Directory.Delete(Root, true);
    }
}
