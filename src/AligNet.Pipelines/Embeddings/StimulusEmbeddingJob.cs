using AligNet.Data;
using AligNet.Data.Stimuli;
using AligNet.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AligNet.Pipelines.Embeddings;

/// <summary>The Hangfire face of <see cref="StimulusEmbeddingPipeline"/>: takes an id, safe to run twice.</summary>
public sealed class StimulusEmbeddingJob(IDbContextFactory<AligNetDbContext> contexts, IOptions<StimulusStoreOptions> store, ILogger<StimulusEmbeddingJob> logger)
    : IStimulusEmbeddingJob
{
    public async Task<string> ComputeResNet18Async(Guid stimulusSetId)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var progress = new Progress<(int Done, int Total)>(p => logger.LogInformation("Embedded {Done}/{Total} stimuli of set {Set}", p.Done, p.Total, stimulusSetId));
        var result = await new StimulusEmbeddingPipeline(db, Path.GetFullPath(store.Value.Root)).ComputeResNet18Async(stimulusSetId, progress);
        return $"{result.Embedded} stimuli embedded with {result.Model} {result.Version} on {result.Device} in {result.Elapsed.TotalSeconds:F1} s";
    }
}
