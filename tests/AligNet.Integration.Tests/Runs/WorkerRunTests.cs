using AligNet.Data;
using AligNet.Data.Models;
using AligNet.Domain.Runs;
using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Integration.Tests.Runs;

/// <summary>
/// Runs on real worker processes sharing one queue through PostgreSQL: a worker killed in the middle of teacher
/// training has its run taken over by another and finished once; a pipeline runs end to end on a worker.
/// </summary>
public class WorkerRunTests : WorkerRunTestBase
{
    private Guid setId;

    protected override async Task SeedAsync(AligNetDbContext db) => setId = await CircleConcepts.CreateAsync(db, Root);

    [Fact]
    public async Task A_worker_killed_mid_training_has_its_run_resumed_from_its_checkpoint_by_another_and_one_version_is_registered()
    {
        var runId = Guid.NewGuid();
        // Early stopping off and many epochs: training lasts long enough to be killed in the middle.
        await Launcher.LaunchAsync(runId,
            new TeacherRunParameters(setId, CircleConcepts.Model, CircleConcepts.Version, Seed: 1, MaxEpochs: 80, LambdaGrid: [0.1], Patience: 80), "test", Ct);

        var first = StartWorker();
        string firstWorker;
        try
        {
            var running = await WaitForAsync(r => RunProgressReader.Epoch(r) >= 3, TimeSpan.FromMinutes(2), first);
            Assert.Equal(RunState.Running, running.State);
            firstWorker = running.Worker!;
        }
        finally
        {
            await first.DisposeAsync(); // kills the process tree: no clean shutdown, the job stays fetched
        }
        Assert.Equal(RunState.Running, (await ReadAsync(runId)).State);

        await using var second = StartWorker();
        var done = await WaitForAsync(r => r.IsFinished, TimeSpan.FromMinutes(3), second);

        Assert.Equal(RunState.Succeeded, done.State);
        Assert.Equal(2, done.Attempts);
        Assert.NotEqual(firstWorker, done.Worker);
        Assert.Contains("resuming", done.LogTail);
        // Resumed from the last epoch checkpointed before the kill (the kill came at epoch ≥ 3, so at least epoch 2 was
        // saved), not from scratch: the second attempt's first epoch line follows that checkpoint.
        var resumedAt = ResumedEpoch(done.LogTail!);
        Assert.InRange(resumedAt, 2, 79);
        var secondAttempt = done.LogTail![done.LogTail!.IndexOf("attempt 2", StringComparison.Ordinal)..];
        Assert.DoesNotContain("λ=0.1, epoch 1,", secondAttempt);
        await using var db = Database.CreateContext();
        var version = await db.ModelVersions.AsNoTracking().SingleAsync(Ct);
        Assert.Equal(runId, version.Id);
        // One curve, each epoch once: the resumed attempt continued the first one's curve instead of adding a second.
        Assert.Equal(Enumerable.Range(1, 80), version.Curve().Select(p => p.Epoch));
        Assert.Single(Directory.GetDirectories(Path.Combine(Artifacts, "teachers")));
        Assert.False(Directory.Exists(Path.Combine(Artifacts, "checkpoints", "teachers", runId.ToString("N"))), "checkpoints left after the version was registered");
    }

    [Fact]
    public async Task A_pipeline_runs_end_to_end_on_a_worker_each_step_a_run_of_its_own()
    {
        var pipelineId = Guid.NewGuid();
        await Launcher.LaunchPipelineAsync(pipelineId, setId,
        [
            new TeacherRunParameters(setId, CircleConcepts.Model, CircleConcepts.Version, MaxEpochs: 5, LambdaGrid: [0.1]),
            new AligNetDataRunParameters([setId], null, Count: 300, Clusters: 3, Mixture: "random=0.5,between_cluster=0.5", Validation: 30, ShardSize: 100),
        ], "test", Ct);

        await using var worker = StartWorker();
        var pipeline = await WaitForAsync(r => r.IsFinished, TimeSpan.FromMinutes(3), worker, pipelineId);

        Assert.Equal(RunState.Succeeded, pipeline.State);
        await using var db = Database.CreateContext();
        var steps = await db.Runs.AsNoTracking().Where(r => r.ParentRunId == pipelineId).OrderBy(r => r.StepIndex).ToListAsync(Ct);
        Assert.All(steps, s => Assert.Equal(RunState.Succeeded, s.State));
        Assert.Equal(steps[0].Id, steps[0].ModelVersionId);
        var dataset = await db.AligNetDatasets.AsNoTracking().SingleAsync(Ct);
        Assert.Equal(steps[1].Id, dataset.Id);
        Assert.Equal(steps[0].Id, dataset.TeacherVersionId);
        Assert.Equal(300, dataset.TrainingTriplets);
        Assert.True(File.Exists(Path.Combine(Artifacts, dataset.ShardDirectory, "manifest.json")));
    }

    private static int ResumedEpoch(string log)
    {
        var match = System.Text.RegularExpressions.Regex.Match(log, "resumed from the checkpoint of epoch (\\d+)");
        Assert.True(match.Success, $"no resume from a checkpoint in the log:\n{log}");
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static class RunProgressReader
    {
        public static int Epoch(Run run) => Data.Runs.RunProgressWriter.Read(run.Progress)?.Epoch ?? 0;
    }
}
