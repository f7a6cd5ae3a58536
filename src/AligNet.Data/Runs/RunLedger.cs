using AligNet.Domain.Runs;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Data.Runs;

/// <summary>
/// The state transitions of a run, each one saved and announced (<see cref="RunNotifications"/>) so open pages update.
/// Queued → Running (each attempt) → Succeeded | Failed | Cancelled; a transient failure with retries left goes back
/// to Queued. A finished run never changes again.
/// </summary>
public sealed class RunLedger(AligNetDbContext db)
{
    public const string OneActivePerOutput = "ux_runs_one_active_per_output";
    private const int LogLines = 40;

    /// <summary>
    /// Starts an attempt. Null when there is nothing to do: the run is unknown, finished, or was cancelled while it
    /// waited (it is marked Cancelled here). A run found Running is a re-delivery after its worker died: it resumes.
    /// </summary>
    public async Task<Run?> BeginAsync(Guid runId, string worker, CancellationToken ct = default)
    {
        var run = await db.Runs.FirstOrDefaultAsync(r => r.Id == runId, ct);
        if (run is null || run.IsFinished) return null;
        if (run.CancelRequested)
        {
            await FinishAsync(run, RunState.Cancelled, "cancelled before it started", ct);
            return null;
        }
        var resumed = run.State == RunState.Running;
        run.State = RunState.Running;
        run.Attempts++;
        run.Worker = worker;
        run.StartedAt ??= DateTimeOffset.UtcNow;
        AppendLog(run, resumed ? $"attempt {run.Attempts} on {worker}: resuming after the previous worker stopped" : $"attempt {run.Attempts} on {worker}");
        await SaveAndNotifyAsync(run, ct);
        return run;
    }

    public async Task SucceedAsync(Guid runId, string summary, Guid? modelVersionId, Guid? datasetId, CancellationToken ct = default)
    {
        var run = await db.Runs.FirstAsync(r => r.Id == runId, ct);
        run.ModelVersionId = modelVersionId ?? run.ModelVersionId;
        run.DatasetId = datasetId ?? run.DatasetId;
        await FinishAsync(run, RunState.Succeeded, summary, ct);
    }

    public async Task EndAsync(Guid runId, RunState state, string reason, CancellationToken ct = default)
    {
        var run = await db.Runs.FirstAsync(r => r.Id == runId, ct);
        if (!run.IsFinished) await FinishAsync(run, state, reason, ct);
    }

    /// <summary>A failure that another attempt may heal: back to Queued with the reason, for Hangfire's retry.</summary>
    public async Task RetryLaterAsync(Guid runId, string reason, CancellationToken ct = default)
    {
        var run = await db.Runs.FirstAsync(r => r.Id == runId, ct);
        if (run.IsFinished) return;
        run.State = RunState.Queued;
        run.Outcome = Truncate($"attempt {run.Attempts} failed, will be retried: {reason}", 4000);
        AppendLog(run, run.Outcome);
        await SaveAndNotifyAsync(run, ct);
    }

    /// <summary>
    /// Asks a run to stop. A queued run (and a pipeline's queued steps) ends Cancelled at once; a running one is
    /// flagged, and its worker stops at the next batch or epoch. False when the run had already finished.
    /// </summary>
    public async Task<bool> RequestCancelAsync(Guid runId, CancellationToken ct = default)
    {
        var run = await db.Runs.FirstOrDefaultAsync(r => r.Id == runId, ct);
        if (run is null || run.IsFinished) return false;
        var steps = run.Kind == RunKind.Pipeline
            ? await db.Runs.Where(r => r.ParentRunId == runId && (r.State == RunState.Queued || r.State == RunState.Running)).ToListAsync(ct)
            : [];
        foreach (var target in steps.Append(run))
        {
            target.CancelRequested = true;
            if (target.State == RunState.Queued) Finish(target, RunState.Cancelled, "cancelled before it started");
            else AppendLog(target, "cancel requested");
        }
        if (run.Kind == RunKind.Pipeline && steps.All(s => s.State != RunState.Running)) Finish(run, RunState.Cancelled, "cancelled");
        await db.SaveChangesAsync(ct);
        await NotifyAsync(ct, [.. steps.Select(s => s.Id), runId]);
        return true;
    }

    public async Task FinishAsync(Run run, RunState state, string reason, CancellationToken ct)
    {
        Finish(run, state, reason);
        await SaveAndNotifyAsync(run, ct);
    }

    public static void Finish(Run run, RunState state, string reason)
    {
        run.State = state;
        run.FinishedAt = DateTimeOffset.UtcNow;
        run.Outcome = Truncate(reason, 4000);
        AppendLog(run, $"{state.ToString().ToLowerInvariant()}: {reason}");
    }

    public static void AppendLog(Run run, string line)
    {
        var lines = (run.LogTail ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        lines.Add($"{DateTimeOffset.UtcNow:HH:mm:ss} {line}");
        run.LogTail = Truncate(string.Join('\n', lines.TakeLast(LogLines)), 8000);
    }

    private async Task SaveAndNotifyAsync(Run run, CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        await NotifyAsync(ct, run.Id);
    }

    private Task NotifyAsync(CancellationToken ct, params Guid[] ids) => RunNotifications.NotifyAsync(db, ids, ct);

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[^max..];
}
