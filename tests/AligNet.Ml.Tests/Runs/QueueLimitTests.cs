using AligNet.Data.Runs;
using AligNet.Data.Startup;
using AligNet.Domain.Runs;
using AligNet.Jobs;
using AligNet.Pipelines.Runs;
using AligNet.Pipelines.Teachers;
using AligNet.TestSupport;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace AligNet.Ml.Tests.Runs;

/// <summary>
/// The per-queue concurrency limit on the real database: with <c>Runs:QueueLimits:gpu = 1</c>, a second teacher run
/// started while the first is training stays Queued (no attempt counted, its job scheduled again) and runs after it.
/// </summary>
public class QueueLimitTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private RunServices services = null!;
    private Guid setId;

    public async ValueTask InitializeAsync()
    {
        services = await RunServices.StartAsync(settings: new Dictionary<string, string?> { ["Runs:QueueLimits:gpu"] = "1" });
        await using var db = services.Database.CreateContext();
        setId = await CircleConcepts.CreateAsync(db, services.Root);
    }

    public ValueTask DisposeAsync() => services.DisposeAsync();

    private TeacherRunParameters Teacher(int seed) =>
        new(setId, CircleConcepts.Model, CircleConcepts.Version, seed, AutoPromote: false, MaxEpochs: 3, LambdaGrid: [0.1]);

    [Fact]
    public async Task Two_runs_on_a_queue_limited_to_one_never_run_together_and_the_second_runs_after_the_first()
    {
        var launcher = services.Get<RunLauncher>();
        var (firstId, secondId) = (Guid.NewGuid(), Guid.NewGuid());
        await launcher.LaunchAsync(firstId, Teacher(seed: 1), "test", Ct);
        await launcher.LaunchAsync(secondId, Teacher(seed: 2), "test", Ct);
        var secondJob = (await ReadAsync(secondId)).JobId;
        var teacher = (TeacherTrainingJob)services.Get<ITeacherTrainingJob>();

        // The first run holds its slot (it is Running) until the test lets it train.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = Task.Run(() => services.Get<RunExecutor>().ExecuteAsync(firstId, new HeldPipeline(teacher, started, release.Task)), Ct);
        await started.Task.WaitAsync(TimeSpan.FromMinutes(1), Ct);

        // The second run's job, on another worker: the queue is full, so it waits without spending an attempt.
        var waited = await services.Get<ITeacherTrainingJob>().RunAsync(secondId);
        Assert.Contains("still queued", waited);
        var waiting = await ReadAsync(secondId);
        Assert.Equal(RunState.Queued, waiting.State);
        Assert.Equal(0, waiting.Attempts);
        Assert.Null(waiting.StartedAt);
        Assert.Contains("queue gpu is at its limit (1 running, at most 1)", waiting.Outcome);
        Assert.NotEqual(secondJob, waiting.JobId);
        using (var connection = services.Get<JobStorage>().GetConnection())
        {
            Assert.Equal("Scheduled", connection.GetStateData(waiting.JobId!).Name);
        }

        release.SetResult();
        await first;
        var firstRun = await ReadAsync(firstId);
        Assert.Equal(RunState.Succeeded, firstRun.State);

        // The rescheduled job comes round: now there is a slot.
        await services.Get<ITeacherTrainingJob>().RunAsync(secondId);
        var secondRun = await ReadAsync(secondId);
        Assert.Equal(RunState.Succeeded, secondRun.State);
        Assert.Equal(1, secondRun.Attempts);
        Assert.True(secondRun.StartedAt >= firstRun.FinishedAt, $"second started {secondRun.StartedAt:O}, first finished {firstRun.FinishedAt:O}");
        await using var db = services.Database.CreateContext();
        Assert.Equal(2, await db.ModelVersions.CountAsync(Ct));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("one")]
    public void A_bad_limit_stops_the_host_with_the_fix(string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Runs:QueueLimits:gpu"] = value }).Build();
        var ex = Assert.Throws<StartupException>(() => RunQueueGate.ReadSettings(configuration));
        Assert.Contains("Runs__QueueLimits__gpu=1", ex.Message);
    }

    private async Task<Run> ReadAsync(Guid id)
    {
        await using var db = services.Database.CreateContext();
        return await db.Runs.AsNoTracking().SingleAsync(r => r.Id == id, Ct);
    }

    /// <summary>The real teacher pipeline, held after the run is Running until the test releases it.</summary>
    private sealed class HeldPipeline(TeacherTrainingJob inner, TaskCompletionSource started, Task release) : IRunPipeline<TeacherRunParameters>
    {
        public async Task<RunResult> RunAsync(RunContext<TeacherRunParameters> run)
        {
            started.SetResult();
            await release;
            return await inner.RunAsync(run);
        }
    }
}
