using AligNet.Data;
using AligNet.Data.Models;
using AligNet.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AligNet.Pipelines.Evaluation;

/// <summary>The Hangfire face of <see cref="ModelEvaluationPipeline"/> (thin: the logic is in the pipeline).</summary>
public sealed class ModelEvaluationJob(IDbContextFactory<AligNetDbContext> contexts, IOptions<ArtifactStoreOptions> artifacts) : IModelEvaluationJob
{
    public async Task<string> EvaluateAsync(Guid modelVersionId, int bootstrap, long seed, string requestedBy)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var evaluation = await new ModelEvaluationPipeline(db, Path.GetFullPath(artifacts.Value.Root))
            .EvaluateAsync(new(modelVersionId, bootstrap, seed, requestedBy));
        return $"Evaluation {evaluation.Id} of model version {modelVersionId}: accuracy {evaluation.Accuracy:F4} " +
            $"[{evaluation.AccuracyCiLow:F4}, {evaluation.AccuracyCiHigh:F4}] vs base {evaluation.BaseAccuracy:F4} on {evaluation.Responses} test responses.";
    }
}
