using AligNet.Data;
using AligNet.Domain.Runs;
using AligNet.Jobs;
using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AligNet.Integration.Tests.Runs;

/// <summary>
/// A fresh database, stimulus and artifact roots, a <see cref="RunLauncher"/> in the test process and real worker
/// processes that serve the queues through PostgreSQL, as an operator starts them.
/// </summary>
public abstract class WorkerRunTestBase : IAsyncLifetime
{
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Short, so a second worker takes a dead worker's job over within seconds (production: minutes).</summary>
    private const int InvisibilitySeconds = 4;

    protected TestDatabase Database { get; private set; } = null!;
    protected string Root { get; private set; } = null!;
    protected string Artifacts => Path.Combine(Root, "artifacts");
    protected string Stimuli => Path.Combine(Root, "stimuli");
    protected RunLauncher Launcher => services.GetRequiredService<RunLauncher>();
    private ServiceProvider services = null!;

    public async ValueTask InitializeAsync()
    {
        Database = await TestPostgres.CreateDatabaseAsync();
        Root = Directory.CreateTempSubdirectory("alignet-workers-").FullName;
        Directory.CreateDirectory(Stimuli);
        Directory.CreateDirectory(Artifacts);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:AligNet"] = Database.ConnectionString }).Build();
        services = new ServiceCollection().AddLogging().AddAligNetData(configuration).AddAligNetJobStorage(Database.ConnectionString).BuildServiceProvider();
        await using var db = Database.CreateContext();
        await SeedAsync(db);
    }

    /// <summary>What the test's runs work on.</summary>
    protected abstract Task SeedAsync(AligNetDbContext db);

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await Database.DisposeAsync();
        Directory.Delete(Root, true);
        GC.SuppressFinalize(this);
    }

    protected HostProcess StartWorker() => HostProcess.Start("AligNet.Worker", "AligNet.Worker.dll", new Dictionary<string, string?>
    {
        ["ConnectionStrings__AligNet"] = Database.ConnectionString,
        ["Stimuli__Root"] = Stimuli,
        ["Artifacts__Root"] = Artifacts,
        ["Worker__InvisibilityTimeoutSeconds"] = InvisibilitySeconds.ToString(),
    });

    protected async Task<Run> ReadAsync(Guid runId)
    {
        await using var db = Database.CreateContext();
        return await db.Runs.AsNoTracking().SingleAsync(r => r.Id == runId, Ct);
    }

    /// <summary>Polls the run (the only top-level run when none is named) until the condition holds; fails with its log when the worker dies or time runs out.</summary>
    protected async Task<Run> WaitForAsync(Func<Run, bool> condition, TimeSpan timeout, HostProcess worker, Guid? runId = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            await using var db = Database.CreateContext();
            var run = runId is { } id
                ? await db.Runs.AsNoTracking().SingleAsync(r => r.Id == id, Ct)
                : await db.Runs.AsNoTracking().Where(r => r.ParentRunId == null).SingleAsync(Ct);
            if (condition(run)) return run;
            if (DateTime.UtcNow > deadline || worker.HasExited)
            {
                var steps = await db.Runs.AsNoTracking().Where(r => r.ParentRunId == run.Id).OrderBy(r => r.StepIndex)
                    .Select(r => $"step {r.StepIndex} {r.Kind} {r.State}: {r.Outcome}").ToListAsync(Ct);
                throw new TimeoutException($"run {run.Id} is {run.State} ({run.Outcome}), attempts {run.Attempts}, progress {run.Progress}, steps:\n{string.Join("\n", steps)}\n" +
                    $"log:\n{run.LogTail?[^Math.Min(run.LogTail.Length, 1500)..]}\nworker output:\n{worker.Output[^Math.Min(worker.Output.Length, 4000)..]}");
            }
            await Task.Delay(200, Ct);
        }
    }
}
