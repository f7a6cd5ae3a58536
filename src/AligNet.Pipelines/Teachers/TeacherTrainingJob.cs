using AligNet.Data;
using AligNet.Data.Models;
using AligNet.Jobs;
using AligNet.Ml.Teacher;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AligNet.Pipelines.Teachers;

/// <summary>The Hangfire face of <see cref="TeacherTrainingPipeline"/>; each finished epoch goes to the log.</summary>
public sealed class TeacherTrainingJob(IDbContextFactory<AligNetDbContext> contexts, IOptions<ArtifactStoreOptions> artifacts, ILogger<TeacherTrainingJob> logger)
    : ITeacherTrainingJob
{
    public async Task<string> TrainAsync(Guid stimulusSetId, string baseModel, string baseModelVersion, int seed, bool autoPromote, string requestedBy)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var version = await new TeacherTrainingPipeline(db, Path.GetFullPath(artifacts.Value.Root))
            .TrainAsync(new(stimulusSetId, baseModel, baseModelVersion, seed, requestedBy, autoPromote), new LoggedProgress(logger));
        return $"Teacher {version.Id} trained{(version.IsActive ? " and promoted" : "")}.";
    }

    private sealed class LoggedProgress(ILogger logger) : ITrainingProgress
    {
        public void Report(TrainingEpoch e) => logger.LogInformation(
            "Teacher λ={Lambda} epoch {Epoch}: train {Train:F4}, validation {Validation:F4}, validation accuracy {Accuracy:F4}",
            e.Lambda, e.Epoch, e.TrainLoss, e.ValidationLoss, e.ValidationAccuracy);
    }
}
