using AligNet.Data.Runs;
using AligNet.Domain.Runs;
using AligNet.Jobs;
using AligNet.Ml.Students;
using AligNet.Ml.Students.Images;
using AligNet.Pipelines.Runs;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Pipelines.Students;

/// <summary>
/// The Student run kind: <see cref="StudentTrainingPipeline"/> with the student's version id = the run id, so a second
/// attempt resumes from the last checkpoint and never registers two versions. Without a data set named, a pipeline step
/// uses the data set its pipeline's AligNet-data step generated. Each validation point is written as progress, and a
/// cancel request stops training at the next step (the checkpoints are removed).
/// </summary>
public sealed class StudentTrainingJob(RunExecutor executor, PrefixCacheSettings cacheSettings) : IStudentTrainingJob, IRunPipeline<StudentRunParameters>
{
    public Task<string> RunAsync(Guid runId) => executor.ExecuteAsync(runId, this);

    public async Task<RunResult> RunAsync(RunContext<StudentRunParameters> run)
    {
        var p = run.Parameters;
        var datasetId = p.DatasetId ?? await new PipelineChain(run.Db).DatasetOfEarlierStepAsync(run.Run, run.Cancellation)
            ?? throw new RunInputException("No AligNet data set to train on: name one, or put the student after an AligNet-data step.");
        var options = Options(p);
        try
        {
            var version = await new StudentTrainingPipeline(run.Db, run.Roots.Artifacts, run.Roots.Stimuli, cacheSettings.BudgetBytes)
                .TrainAsync(new(run.RunId, datasetId, options, run.Run.RequestedBy, ImageOptions(p), DiskPrefixCache: p.PrefixCache == "disk",
                    CalibrateTemperature: p.Temperature is null), new StepProgress(run.Progress, options.Steps), run.Cancellation);
            return new RunResult($"Student {version.Id} trained on AligNet data {datasetId}.", ModelVersionId: version.Id);
        }
        catch (StudentDataException ex)
        {
            throw new RunInputException(ex.Message, ex);
        }
    }

    /// <summary>A cancelled attempt leaves checkpoints only; a registered version's artifact is never touched.</summary>
    public async Task DiscardAsync(RunContext<StudentRunParameters> run)
    {
        run.Db.ChangeTracker.Clear();
        if (await run.Db.ModelVersions.AnyAsync(m => m.Id == run.RunId)) return;
        var folder = Path.Combine(run.Roots.Artifacts, "students", run.RunId.ToString("N"));
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    private static StudentOptions Options(StudentRunParameters p)
    {
        var options = new StudentOptions
        {
            Head = Parse<StudentHeadKind>(p.Head, "head", "linear or mlp"), Objective = Parse<StudentObjectiveKind>(p.Objective, "objective", "jsd or kl"),
            Temperature = p.Temperature ?? new StudentOptions().Temperature, Decay = p.Decay, Steps = p.Steps, Batch = p.Batch, LearningRate = p.LearningRate, Seed = p.Seed, AllowCuda = true,
        };
        return p.ValidateEvery is { } every ? options with { ValidateEvery = every } : options;
    }

    /// <summary>Null for an embedding student; the image student's settings when the run names a stage to train from.</summary>
    private static ImageStudentOptions? ImageOptions(StudentRunParameters p) => p.TrainFrom is null ? null
        : new(Parse<TrainFrom>(p.TrainFrom, "train-from", "all, layer1, layer2, layer3 or layer4"), p.LinearHead,
            Parse<BatchNormPolicy>(p.BatchNorm, "batchnorm", "frozen or batch"),
            Cache: p.PrefixCache is "disk" or "memory" ? true : p.PrefixCache == "none" ? false
                : throw new RunInputException($"Unknown student prefix cache '{p.PrefixCache}': use disk, memory or none."));

    private static T Parse<T>(string value, string name, string allowed) where T : struct, Enum =>
        Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed
            : throw new RunInputException($"Unknown student {name} '{value}': use {allowed}.");

    private sealed class StepProgress(RunProgressReporter reporter, int steps) : IStudentProgress
    {
        public void Report(StudentCurvePoint p) =>
            reporter.Report(new RunProgress("training", p.Step, steps, Loss: p.TrainLoss, ValidationAccuracy: p.ValidationAgreement, Unit: "steps"), milestone: p.Step == steps);
    }
}
