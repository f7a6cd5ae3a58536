using AligNet.Domain.Runs;
using AligNet.Jobs;
using AligNet.Pipelines.Runs;

namespace AligNet.Pipelines.Embeddings;

/// <summary>The Embeddings run kind: <see cref="StimulusEmbeddingPipeline"/> for the run's set, progress per chunk of images.</summary>
public sealed class StimulusEmbeddingJob(RunExecutor executor) : IStimulusEmbeddingJob, IRunPipeline<EmbeddingsRunParameters>
{
    public Task<string> RunAsync(Guid runId) => executor.ExecuteAsync(runId, this);

    public async Task<RunResult> RunAsync(RunContext<EmbeddingsRunParameters> run)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var progress = new SyncProgress<(int Done, int Total)>(p =>
        {
            var rate = p.Done / Math.Max(clock.Elapsed.TotalSeconds, 1e-3);
            run.Progress.Report(new RunProgress("embedding", p.Done, p.Total, Throughput: rate, Unit: "images", EtaSeconds: (p.Total - p.Done) / rate), milestone: true);
            run.Progress.ThrowIfCancelled();
        });
        var result = await new StimulusEmbeddingPipeline(run.Db, run.Roots.Stimuli).ComputeResNet18Async(run.Parameters.SetId, progress, run.Cancellation);
        return new RunResult($"{result.Embedded} stimuli embedded with {result.Model} {result.Version} on {result.Device} in {result.Elapsed.TotalSeconds:F1} s");
    }
}

