using AligNet.Data.Runs;
using AligNet.Domain.Generation;
using AligNet.Domain.Runs;
using AligNet.Jobs;
using AligNet.Ml.Generation;
using AligNet.Pipelines.Runs;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Pipelines.Generation;

/// <summary>
/// The AligNet-data run kind: <see cref="AligNetDataPipeline"/> with the data set id = the run id, so a second attempt
/// resumes after the last complete shard. Without a teacher named, a pipeline step uses the teacher its pipeline's
/// teacher step produced. A cancelled run's data set row and shards are removed.
/// </summary>
public sealed class AligNetDataJob(RunExecutor executor) : IAligNetDataJob, IRunPipeline<AligNetDataRunParameters>
{
    public Task<string> RunAsync(Guid runId) => executor.ExecuteAsync(runId, this);

    public async Task<RunResult> RunAsync(RunContext<AligNetDataRunParameters> run)
    {
        var p = run.Parameters;
        var teacher = p.TeacherVersionId ?? await new PipelineChain(run.Db).ProducedByEarlierStepAsync(run.Run, RunKind.Teacher, run.Cancellation);
        var request = new AligNetDataPipeline.Request(run.RunId, p.SetIds, teacher, p.Count, p.Clusters, p.Mixture, p.Seed, p.Validation, p.ShardSize, run.Run.RequestedBy);
        var dataset = await new AligNetDataPipeline(run.Db, run.Roots.Artifacts).GenerateAsync(request, new GenerationReporter(run.Progress), run.Cancellation);
        return new RunResult($"AligNet data {dataset.Id}: {dataset.TrainingTriplets:N0} training + {dataset.ValidationTriplets:N0} validation triplets.", DatasetId: dataset.Id);
    }

    public async Task DiscardAsync(RunContext<AligNetDataRunParameters> run)
    {
        run.Db.ChangeTracker.Clear();
        // A complete data set is registered: its row and shards stay (a failure after registering must not orphan the row).
        if (await run.Db.AligNetDatasets.AnyAsync(d => d.Id == run.RunId && d.Status == AligNetDatasetStatus.Complete)) return;
        await run.Db.AligNetDatasets.Where(d => d.Id == run.RunId).ExecuteDeleteAsync();
        var folder = Path.Combine(run.Roots.Artifacts, "datasets", run.RunId.ToString("N"));
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    /// <summary>Generation reports from several threads; the reporter serialises and throttles the writes.</summary>
    private sealed class GenerationReporter(RunProgressReporter reporter) : IGenerationProgress
    {
        public void Report(GenerationProgress p)
        {
            var rate = p.Seconds > 0 ? p.Done / p.Seconds : (double?)null;
            reporter.Report(new RunProgress(p.Stage, p.Done, p.Total, Throughput: rate, Unit: "rows",
                EtaSeconds: rate is > 0 ? (p.Total - p.Done) / rate : null), milestone: p.Done == p.Total);
        }
    }
}
