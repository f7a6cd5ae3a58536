using AligNet.Data;
using AligNet.Data.Models;
using AligNet.Jobs;
using AligNet.Ml.Students;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AligNet.Pipelines.Students;

/// <summary>The Hangfire face of <see cref="StudentTrainingPipeline"/>; each curve point goes to the log.</summary>
public sealed class StudentTrainingJob(IDbContextFactory<AligNetDbContext> contexts, IOptions<ArtifactStoreOptions> artifacts, ILogger<StudentTrainingJob> logger)
    : IStudentTrainingJob
{
    public async Task<string> TrainAsync(Guid studentId, Guid datasetId, string head, string objective, double temperature, double decay,
        int steps, int batch, double learningRate, int seed, string requestedBy)
    {
        var options = new StudentOptions
        {
            Head = Enum.Parse<StudentHeadKind>(head, ignoreCase: true), Objective = Enum.Parse<StudentObjectiveKind>(objective, ignoreCase: true),
            Temperature = temperature, Decay = decay, Steps = steps, Batch = batch, LearningRate = learningRate, Seed = seed, AllowCuda = true,
        };
        await using var db = await contexts.CreateDbContextAsync();
        var version = await new StudentTrainingPipeline(db, Path.GetFullPath(artifacts.Value.Root))
            .TrainAsync(new(studentId, datasetId, options, requestedBy), new LoggedProgress(logger));
        return $"Student {version.Id} trained on AligNet data {datasetId}.";
    }

    private sealed class LoggedProgress(ILogger logger) : IStudentProgress
    {
        public void Report(StudentCurvePoint p) =>
            logger.LogInformation("Student step {Step}: train {Train:F5}, validation {Validation:F5}, agreement {Agreement:P2}", p.Step, p.TrainLoss, p.ValidationLoss, p.ValidationAgreement);
    }
}
