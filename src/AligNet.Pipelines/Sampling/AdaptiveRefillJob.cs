using AligNet.Data;
using AligNet.Domain.Runs;
using AligNet.Jobs;
using AligNet.Pipelines.Runs;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Pipelines.Sampling;

/// <summary>
/// The AdaptiveRefill run kind (ADR-021): <see cref="AdaptiveQueueRefill"/> for one study. Safe to run twice: a
/// second execution replaces the queue again (with the same candidates when the seed is the same). Whatever the
/// outcome, an ended refill then launches the newest teacher's refill if it scored with an older one (ADR-021); in a
/// finally, so a redelivered job (the run already ended) asks again, and a failed follow-up check is retried by Hangfire.
/// </summary>
public sealed class AdaptiveRefillJob(RunExecutor executor, RunLauncher launcher, IDbContextFactory<AligNetDbContext> contexts)
    : IAdaptiveRefillJob, IRunPipeline<AdaptiveRefillRunParameters>
{
    public async Task<string> RunAsync(Guid runId)
    {
        try
        {
            return await executor.ExecuteAsync(runId, this);
        }
        finally
        {
            await using var db = await contexts.CreateDbContextAsync();
            await AdaptiveRefills.AfterRefillAsync(launcher, db, runId);
        }
    }

    public async Task<RunResult> RunAsync(RunContext<AdaptiveRefillRunParameters> run)
    {
        var p = run.Parameters;
        run.Progress.Report(new RunProgress("scoring candidates", 0, 1), milestone: true);
        var seed = p.Seed ?? BitConverter.ToInt32(run.RunId.ToByteArray(), 0);
        var outcome = await new AdaptiveQueueRefill(run.Db, run.Roots.Artifacts).RefillAsync(p, seed, run.Cancellation);
        run.Progress.Report(new RunProgress("queue replaced", 1, 1), milestone: true);
        return new RunResult($"Queue of study {p.StudyId} replaced: the best {outcome.Queued:N0} of {outcome.Candidates:N0} candidates by {outcome.Score} " +
            $"(scores {outcome.LowestQueuedScore:F4}–{outcome.BestScore:F4}) from teacher {outcome.TeacherVersionId}; " +
            $"its accuracy on {outcome.HeldOut.Responses:N0} random-arm answer(s) received after it: {outcome.HeldOut.Accuracy?.ToString("F3") ?? "none yet"}.",
            ModelVersionId: outcome.TeacherVersionId);
    }
}
