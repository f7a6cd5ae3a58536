using AligNet.Data;
using AligNet.Data.Models;
using AligNet.Jobs;
using AligNet.Ml.Generation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AligNet.Pipelines.Generation;

/// <summary>The Hangfire face of <see cref="AligNetDataPipeline"/>; each stage and shard goes to the log.</summary>
public sealed class AligNetDataJob(IDbContextFactory<AligNetDbContext> contexts, IOptions<ArtifactStoreOptions> artifacts, ILogger<AligNetDataJob> logger)
    : IAligNetDataJob
{
    public async Task<string> GenerateAsync(Guid datasetId, Guid[] stimulusSetIds, Guid? teacherVersionId, long count, int clusters, string mixture, long seed, string requestedBy)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var dataset = await new AligNetDataPipeline(db, Path.GetFullPath(artifacts.Value.Root))
            .GenerateAsync(new(datasetId, stimulusSetIds, teacherVersionId, count, clusters, mixture, seed, RequestedBy: requestedBy), new LoggedProgress(logger));
        return $"AligNet data {dataset.Id}: {dataset.TrainingTriplets:N0} training + {dataset.ValidationTriplets:N0} validation triplets.";
    }

    private sealed class LoggedProgress(ILogger logger) : IGenerationProgress
    {
        public void Report(GenerationProgress p) =>
            logger.LogInformation("AligNet data {Stage}: {Done}/{Total} after {Seconds:F1} s", p.Stage, p.Done, p.Total, p.Seconds);
    }
}
