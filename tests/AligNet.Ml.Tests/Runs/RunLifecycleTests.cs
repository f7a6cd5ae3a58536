using AligNet.Data.Runs;
using AligNet.Domain.Runs;
using AligNet.Jobs;
using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Ml.Tests.Runs;

/// <summary>
/// A teacher run through its whole life on the real database: launched with a caller-chosen id, run by the job the
/// worker would call, run again, resumed after a dead worker, cancelled mid-training, refused on bad input.
/// </summary>
public class RunLifecycleTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private RunServices services = null!;
    private Guid setId;

    public async ValueTask InitializeAsync()
    {
        services = await RunServices.StartAsync();
        await using var db = services.Database.CreateContext();
        setId = await CircleConcepts.CreateAsync(db, services.Root);
    }

    public ValueTask DisposeAsync() => services.DisposeAsync();

    private sealed record EpochPoint(int? Epoch, double? Loss, double? ValidationAccuracy);

    private TeacherRunParameters Teacher(int epochs = 5, int seed = 7) =>
        new(setId, CircleConcepts.Model, CircleConcepts.Version, seed, AutoPromote: true, MaxEpochs: epochs, LambdaGrid: [0.1]);

    [Fact]
    public async Task A_teacher_run_registers_one_version_under_its_own_id_and_a_second_execution_does_nothing()
    {
        var runId = Guid.NewGuid();
        var launched = await services.Get<RunLauncher>().LaunchAsync(runId, Teacher(), "test", Ct);
        Assert.Equal(RunState.Queued, launched.State);
        Assert.NotNull((await ReadAsync(runId)).JobId);
        // The same id launched again is the same run, not a second one.
        await services.Get<RunLauncher>().LaunchAsync(runId, Teacher(), "test", Ct);

        var job = services.Get<ITeacherTrainingJob>();
        var summary = await job.RunAsync(runId);
        var second = await job.RunAsync(runId);

        var run = await ReadAsync(runId);
        Assert.Equal(RunState.Succeeded, run.State);
        Assert.Equal(1, run.Attempts);
        Assert.Equal(runId, run.ModelVersionId);
        Assert.Contains(runId.ToString(), summary);
        Assert.Contains("nothing to do", second);
        Assert.NotNull(run.StartedAt);
        Assert.NotNull(run.FinishedAt);
        Assert.Contains("epoch", run.LogTail);
        var progress = RunProgressWriter.Read(run.Progress)!;
        Assert.Equal(5, progress.Total);
        Assert.NotNull(progress.Loss);
        await using var db = services.Database.CreateContext();
        Assert.Equal(1, await db.ModelVersions.CountAsync(Ct));
        Assert.Single(Directory.GetDirectories(Path.Combine(services.Artifacts, "teachers")));
        // Every epoch is on the run's stored curve (issue 16), though most progress writes were throttled: the same
        // numbers as the version's own training curve.
        var version = await db.ModelVersions.SingleAsync(Ct);
        var points = await db.Database.SqlQuery<EpochPoint>(
            $"""SELECT "Epoch", "Loss", "ValidationAccuracy" FROM alignet.run_curve_points WHERE "RunId" = {runId} ORDER BY "Seq" """).ToListAsync(Ct);
        Assert.Equal(AligNet.Data.Models.ModelDocuments.Curve(version).Select(c => new EpochPoint(c.Epoch, c.TrainLoss, c.ValidationAccuracy)), points);
        Assert.Equal(1, await db.AuditLog.CountAsync(a => a.Action == "job.schedule" && a.Target == $"run/{runId}", Ct));
    }

    [Fact]
    public async Task A_run_left_running_by_a_dead_worker_is_resumed_and_still_registers_one_version()
    {
        var runId = Guid.NewGuid();
        await services.Get<RunLauncher>().LaunchAsync(runId, Teacher(), "test", Ct);
        await using (var db = services.Database.CreateContext())
        {
            // What a worker killed mid-training leaves: the run Running after one attempt.
            await db.Runs.Where(r => r.Id == runId).ExecuteUpdateAsync(r => r.SetProperty(x => x.State, RunState.Running).SetProperty(x => x.Attempts, 1), Ct);
        }

        await services.Get<ITeacherTrainingJob>().RunAsync(runId);

        var run = await ReadAsync(runId);
        Assert.Equal(RunState.Succeeded, run.State);
        Assert.Equal(2, run.Attempts);
        Assert.Contains("resuming", run.LogTail);
        await using var check = services.Database.CreateContext();
        Assert.Equal(1, await check.ModelVersions.CountAsync(Ct));
    }

    [Fact]
    public async Task Cancelling_a_running_teacher_stops_it_at_the_next_epoch_and_leaves_no_version()
    {
        var runId = Guid.NewGuid();
        await services.Get<RunLauncher>().LaunchAsync(runId, Teacher(epochs: 5_000), "test", Ct);
        var training = Task.Run(() => services.Get<ITeacherTrainingJob>().RunAsync(runId), Ct);
        await WaitAsync(async () => RunProgressWriter.Read((await ReadAsync(runId)).Progress)?.Epoch >= 2);

        await using (var db = services.Database.CreateContext())
        {
            Assert.True(await new RunLedger(db).RequestCancelAsync(runId, Ct));
        }
        await training.WaitAsync(TimeSpan.FromMinutes(1), Ct);

        var run = await ReadAsync(runId);
        Assert.Equal(RunState.Cancelled, run.State);
        Assert.True(RunProgressWriter.Read(run.Progress)!.Epoch < 5_000);
        Assert.Null(run.ModelVersionId);
        await using var check = services.Database.CreateContext();
        Assert.Equal(0, await check.ModelVersions.CountAsync(Ct));
        Assert.False(Directory.Exists(Path.Combine(services.Artifacts, "teachers")) && Directory.EnumerateFileSystemEntries(Path.Combine(services.Artifacts, "teachers")).Any());
    }

    [Fact]
    public async Task A_queued_run_cancelled_before_a_worker_takes_it_never_starts()
    {
        var runId = Guid.NewGuid();
        await services.Get<RunLauncher>().LaunchAsync(runId, Teacher(), "test", Ct);
        await using (var db = services.Database.CreateContext()) await new RunLedger(db).RequestCancelAsync(runId, Ct);

        var summary = await services.Get<ITeacherTrainingJob>().RunAsync(runId);

        var run = await ReadAsync(runId);
        Assert.Equal(RunState.Cancelled, run.State);
        Assert.Equal(0, run.Attempts);
        Assert.Contains("nothing to do", summary);
    }

    [Fact]
    public async Task Bad_input_is_refused_before_queueing_with_the_fix_and_two_runs_of_one_version_clash()
    {
        var launcher = services.Get<RunLauncher>();
        var missing = await Assert.ThrowsAsync<RunRefusedException>(() => launcher.LaunchAsync(Guid.NewGuid(), Teacher() with { BaseModel = "clip" }, "test", Ct));
        Assert.Contains("no embeddings of clip", missing.Message);
        Assert.Contains("compute them first", missing.Message);

        var first = Guid.NewGuid();
        await launcher.LaunchAsync(first, Teacher(), "test", Ct);
        var clash = await Assert.ThrowsAsync<RunRefusedException>(() => launcher.LaunchAsync(Guid.NewGuid(), Teacher(), "test", Ct));
        Assert.Contains(first.ToString(), clash.Message);
        Assert.Contains("cancel it", clash.Message);
        // Another seed writes another version: accepted.
        await launcher.LaunchAsync(Guid.NewGuid(), Teacher(seed: 8), "test", Ct);
        await using var db = services.Database.CreateContext();
        Assert.Equal(2, await db.Runs.CountAsync(Ct));
    }

    [Fact]
    public async Task A_failure_that_cannot_heal_ends_the_run_failed_and_is_not_retried_by_hangfire()
    {
        var runId = Guid.NewGuid();
        await services.Get<RunLauncher>().LaunchAsync(runId, Teacher(), "test", Ct);
        await using (var db = services.Database.CreateContext())
        {
            // The embeddings go away between launch and run: a missing input, the same on every attempt.
            await db.Embeddings.ExecuteDeleteAsync(Ct);
        }

        var ex = await Assert.ThrowsAsync<RunInputException>(() => services.Get<ITeacherTrainingJob>().RunAsync(runId));

        Assert.Contains("embeddings", ex.Message);
        var run = await ReadAsync(runId);
        Assert.Equal(RunState.Failed, run.State);
        Assert.Contains("embeddings", run.Outcome);
        var retry = typeof(ITeacherTrainingJob).GetCustomAttributes(typeof(Hangfire.AutomaticRetryAttribute), false).Cast<Hangfire.AutomaticRetryAttribute>().Single();
        Assert.Contains(typeof(RunInputException), retry.ExceptOn);
    }

    private async Task<Run> ReadAsync(Guid runId)
    {
        await using var db = services.Database.CreateContext();
        return await db.Runs.AsNoTracking().SingleAsync(r => r.Id == runId, Ct);
    }

    private static async Task WaitAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not met within a minute");
            await Task.Delay(100, Ct);
        }
    }
}
