using AligNet.Domain.Runs;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Data.Runs;

/// <summary>
/// Advances a pipeline when one of its steps finishes: a success hands over to the next step (or ends the pipeline
/// Succeeded); a failure or cancellation ends the pipeline with the step's reason and cancels the steps after it,
/// so nothing downstream runs on a half-made input.
/// </summary>
public sealed class PipelineChain(AligNetDbContext db)
{
    /// <returns>The next step to dispatch, or null.</returns>
    public async Task<Run?> AdvanceAsync(Guid stepId, CancellationToken ct = default)
    {
        var step = await db.Runs.AsNoTracking().FirstAsync(r => r.Id == stepId, ct);
        if (step.ParentRunId is not { } parentId || !step.IsFinished) return null;
        var parent = await db.Runs.FirstAsync(r => r.Id == parentId, ct);
        var later = await db.Runs.Where(r => r.ParentRunId == parentId && r.StepIndex > step.StepIndex).OrderBy(r => r.StepIndex).ToListAsync(ct);

        if (step.State == RunState.Succeeded)
        {
            var next = later.FirstOrDefault();
            if (next is null) RunLedger.Finish(parent, RunState.Succeeded, $"all steps succeeded; last: {step.Outcome}");
            else RunLedger.AppendLog(parent, $"step {step.StepIndex + 1} ({step.Kind}) succeeded; starting step {next.StepIndex + 1} ({next.Kind})");
            await db.SaveChangesAsync(ct);
            await RunNotifications.NotifyAsync(db, [parentId], ct);
            return next is { State: RunState.Queued, CancelRequested: false } ? next : null;
        }

        var reason = $"step {step.StepIndex + 1} ({step.Kind}) {step.State.ToString().ToLowerInvariant()}: {step.Outcome}";
        foreach (var skipped in later.Where(r => !r.IsFinished)) RunLedger.Finish(skipped, RunState.Cancelled, "not run: " + reason);
        if (!parent.IsFinished) RunLedger.Finish(parent, step.State == RunState.Cancelled ? RunState.Cancelled : RunState.Failed, reason);
        await db.SaveChangesAsync(ct);
        await RunNotifications.NotifyAsync(db, [parentId, .. later.Select(r => r.Id)], ct);
        return null;
    }

    /// <summary>The model version produced by an earlier succeeded step of the same pipeline, of the given kind.</summary>
    public async Task<Guid?> ProducedByEarlierStepAsync(Run step, RunKind kind, CancellationToken ct = default) =>
        step.ParentRunId is not { } parentId ? null
            : await db.Runs.AsNoTracking()
                .Where(r => r.ParentRunId == parentId && r.Kind == kind && r.StepIndex < step.StepIndex && r.State == RunState.Succeeded)
                .OrderByDescending(r => r.StepIndex).Select(r => r.ModelVersionId).FirstOrDefaultAsync(ct);

    /// <summary>The AligNet data set produced by an earlier succeeded step of the same pipeline.</summary>
    public async Task<Guid?> DatasetOfEarlierStepAsync(Run step, CancellationToken ct = default) =>
        step.ParentRunId is not { } parentId ? null
            : await db.Runs.AsNoTracking()
                .Where(r => r.ParentRunId == parentId && r.Kind == RunKind.AligNetData && r.StepIndex < step.StepIndex && r.State == RunState.Succeeded)
                .OrderByDescending(r => r.StepIndex).Select(r => r.DatasetId).FirstOrDefaultAsync(ct);
}
