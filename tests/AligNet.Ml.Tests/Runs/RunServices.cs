using AligNet.Data;
using AligNet.Jobs;
using AligNet.Pipelines;
using AligNet.TestSupport;
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
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .AddAligNetData(configuration)
            .AddAligNetJobStorage(database.ConnectionString)
            .AddAligNetPipelines(configuration);
        configure?.Invoke(collection);
        var services = collection.BuildServiceProvider();
        return new RunServices(database, services, root);
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Database.DisposeAsync();
        Directory.Delete(Root, true);
    }
}
