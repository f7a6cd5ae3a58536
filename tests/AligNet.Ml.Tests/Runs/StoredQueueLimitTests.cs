using AligNet.Domain.Runs;
using AligNet.Jobs;
using AligNet.Jobs.QueueLimits;
using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Ml.Tests.Runs;

/// <summary>
/// Queue limits set by an admin (stored in PostgreSQL, audited) are what a worker honours when a run starts, over its
/// own configuration; clearing one returns the queue to the configuration.
/// </summary>
public class StoredQueueLimitTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private RunServices services = null!;
    private Guid setId;

    public async ValueTask InitializeAsync()
    {
        // The worker's configuration: at most 2 gpu runs.
        services = await RunServices.StartAsync(settings: new Dictionary<string, string?> { ["Runs:QueueLimits:gpu"] = "2" });
        await using var db = services.Database.CreateContext();
        setId = await CircleConcepts.CreateAsync(db, services.Root);
    }

    public ValueTask DisposeAsync() => services.DisposeAsync();

    private TeacherRunParameters Teacher(int seed) =>
        new(setId, CircleConcepts.Model, CircleConcepts.Version, seed, AutoPromote: false, MaxEpochs: 2, LambdaGrid: [0.1]);

    [Fact]
    public async Task An_admins_limit_overrides_the_configuration_at_the_next_start_and_clearing_it_restores_the_configuration()
    {
        var launcher = services.Get<RunLauncher>();
        var (trainingId, waitingId) = (Guid.NewGuid(), Guid.NewGuid());
        await launcher.LaunchAsync(trainingId, Teacher(seed: 1), "test", Ct);
        await launcher.LaunchAsync(waitingId, Teacher(seed: 2), "test", Ct);
        await using (var db = services.Database.CreateContext())
        {
            // As if a worker were training the first run.
            await db.Runs.Where(r => r.Id == trainingId).ExecuteUpdateAsync(r => r.SetProperty(x => x.State, RunState.Running).SetProperty(x => x.Attempts, 1), Ct);
        }
        var editor = services.Get<QueueLimitEditor>();
        await editor.SetAsync(JobQueues.Gpu, 1, "admin@example.org", Ct);

        // Configuration alone (2) would let it start; the stored limit (1) holds it back, without spending an attempt.
        Assert.Contains("still queued", await services.Get<ITeacherTrainingJob>().RunAsync(waitingId));
        var waiting = await ReadAsync(waitingId);
        Assert.Equal((RunState.Queued, 0), (waiting.State, waiting.Attempts));
        Assert.Contains("queue gpu is at its limit (1 running, at most 1)", waiting.Outcome);

        // Cleared: the configuration's 2 applies again, and the next start goes ahead.
        await editor.SetAsync(JobQueues.Gpu, null, "admin@example.org", Ct);
        await services.Get<ITeacherTrainingJob>().RunAsync(waitingId);
        Assert.Equal(RunState.Succeeded, (await ReadAsync(waitingId)).State);

        await using var check = services.Database.CreateContext();
        Assert.Empty(await check.QueueLimits.ToListAsync(Ct));
        var audit = await check.AuditLog.AsNoTracking().Where(a => a.Action == "queue.limit").OrderBy(a => a.Id).ToListAsync(Ct);
        Assert.Equal(["queue/gpu", "queue/gpu"], audit.Select(a => a.Target));
        Assert.All(audit, a => Assert.Equal("admin@example.org", a.Actor));
        using var cleared = System.Text.Json.JsonDocument.Parse(audit[1].Details!);
        Assert.Equal(1, cleared.RootElement.GetProperty("before").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, cleared.RootElement.GetProperty("after").ValueKind);
    }

    [Theory]
    [InlineData("cpu", 1, "There is no queue 'cpu': use one of gpu, default.")]
    [InlineData("gpu", 0, "give 1 to 1000 runs at a time, or clear it")]
    [InlineData("gpu", 1001, "give 1 to 1000 runs at a time, or clear it")]
    public async Task Bad_limits_are_refused_with_the_fix_and_nothing_is_stored(string queue, int limit, string expected)
    {
        var ex = await Assert.ThrowsAsync<RunRefusedException>(() => services.Get<QueueLimitEditor>().SetAsync(queue, limit, "admin", Ct));

        Assert.Contains(expected, ex.Message);
        await using var db = services.Database.CreateContext();
        Assert.Equal((0, 0), (await db.QueueLimits.CountAsync(Ct), await db.AuditLog.CountAsync(a => a.Action == "queue.limit", Ct)));
    }

    private async Task<Run> ReadAsync(Guid runId)
    {
        await using var db = services.Database.CreateContext();
        return await db.Runs.AsNoTracking().SingleAsync(r => r.Id == runId, Ct);
    }
}
