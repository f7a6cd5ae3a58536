using AligNet.Domain.Runs;
using AligNet.Jobs;
using AligNet.Ml.Teacher;
using AligNet.Pipelines.Runs;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Pipelines.Teachers;

/// <summary>
/// The Teacher run kind: <see cref="TeacherTrainingPipeline"/> with the version id = the run id. Each epoch is
/// written as progress, and a cancel request stops training at the end of the current epoch.
/// </summary>
public sealed class TeacherTrainingJob(RunExecutor executor, RunLauncher launcher) : ITeacherTrainingJob, IRunPipeline<TeacherRunParameters>
{
    public Task<string> RunAsync(Guid runId) => executor.ExecuteAsync(runId, this);

    public async Task<RunResult> RunAsync(RunContext<TeacherRunParameters> run)
    {
        var p = run.Parameters;
        var request = new TeacherTrainingPipeline.Request(p.SetId, p.BaseModel, await BaseModelVersionAsync(run), p.Seed, run.Run.RequestedBy, p.AutoPromote)
        {
            VersionId = run.RunId, MaxEpochs = p.MaxEpochs, LambdaGrid = p.LambdaGrid, Patience = p.Patience,
        };
        var version = await new TeacherTrainingPipeline(run.Db, run.Roots.Artifacts)
            .TrainAsync(request, new EpochProgress(run.Progress, p.MaxEpochs ?? new TeacherOptions().MaxEpochs), run.Cancellation);
        // The new teacher feeds every adaptive study of the set (ADR-021); ids derived from version and study, so a
        // second attempt of this run asks for no second refill.
        var refills = await AdaptiveRefills.AfterTeacherAsync(launcher, run.Db, version.Id, $"system:teacher/{version.Id}", CancellationToken.None);
        return new RunResult($"Teacher {version.Id} trained{(version.IsActive ? " and promoted" : "")}" +
            (refills.Count > 0 ? $"; {refills.Count} adaptive queue refill(s) launched." : "."), ModelVersionId: version.Id);
    }

    /// <summary>A cancelled or failed run keeps no checkpoints; a registered version is never touched.</summary>
    public async Task DiscardAsync(RunContext<TeacherRunParameters> run)
    {
        run.Db.ChangeTracker.Clear();
        if (await run.Db.ModelVersions.AnyAsync(m => m.Id == run.RunId)) return;
        TeacherTrainingPipeline.DeleteCheckpoints(TeacherTrainingPipeline.CheckpointFolder(run.Roots.Artifacts, run.RunId));
    }

    /// <summary>The given version, or (empty: a pipeline that computes embeddings first) the one with most vectors in the set.</summary>
    private static async Task<string> BaseModelVersionAsync(RunContext<TeacherRunParameters> run)
    {
        var p = run.Parameters;
        if (p.BaseModelVersion != "") return p.BaseModelVersion;
        return await run.Db.Embeddings.Where(e => e.Model == p.BaseModel && run.Db.Stimuli.Any(s => s.Id == e.StimulusId && s.StimulusSetId == p.SetId))
                .GroupBy(e => e.Version).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefaultAsync(run.Cancellation)
            ?? throw new RunInputException($"The stimulus set has no embeddings of {p.BaseModel}: add an Embeddings step or import them.");
    }

    private sealed class EpochProgress(RunProgressReporter reporter, int maxEpochs) : ITrainingProgress
    {
        public void Resumed(double lambda, int epoch) =>
            reporter.Report(new RunProgress($"λ={lambda:G3} resumed from the checkpoint of epoch {epoch}", epoch, maxEpochs, epoch), milestone: true);

        private readonly System.Diagnostics.Stopwatch clock = System.Diagnostics.Stopwatch.StartNew();
        private int epochs;

        public void Report(TrainingEpoch e)
        {
            epochs++;
            var perSecond = epochs / Math.Max(clock.Elapsed.TotalSeconds, 1e-3);
            reporter.Report(new RunProgress($"λ={e.Lambda:G3}", e.Epoch, maxEpochs, e.Epoch, e.TrainLoss, e.ValidationAccuracy,
                Throughput: perSecond, Unit: "epochs", EtaSeconds: (maxEpochs - e.Epoch) / perSecond), milestone: e.Epoch == 1 || e.Epoch % 10 == 0);
            // Early stopping may end a λ sooner, so the ETA is an upper bound for that λ. Every epoch's progress is
            // written (throttled); every tenth goes to the log tail, which would otherwise hold nothing else.
            reporter.ThrowIfCancelled();
        }
    }
}
