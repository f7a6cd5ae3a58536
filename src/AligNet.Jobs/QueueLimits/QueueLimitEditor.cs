using AligNet.Data;
using AligNet.Data.Audit;
using AligNet.Domain.Audit;
using AligNet.Domain.Runs;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Jobs.QueueLimits;

/// <summary>
/// Admins' concurrency limits per queue, stored in PostgreSQL so that every worker reads the same one at the moment a
/// run starts (no restart); each change is saved with its audit entry. No row = the workers' configuration applies.
/// </summary>
public sealed class QueueLimitEditor(IDbContextFactory<AligNetDbContext> contexts, TimeProvider clock)
{
    /// <summary>The queues runs are sent to (<see cref="JobQueues"/>).</summary>
    public static IReadOnlyList<string> Queues { get; } = [JobQueues.Gpu, JobQueues.Default];

    public async Task<IReadOnlyDictionary<string, QueueLimit>> ReadAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.QueueLimits.AsNoTracking().ToDictionaryAsync(l => l.Queue, ct);
    }

    /// <param name="limit">At most this many runs at a time; null = remove the admin's limit (the configuration applies again).</param>
    /// <exception cref="RunRefusedException">An unknown queue or a limit out of range, with the fix.</exception>
    public async Task SetAsync(string queue, int? limit, string actor, CancellationToken ct = default)
    {
        if (!Queues.Contains(queue)) throw new RunRefusedException($"There is no queue '{queue}': use one of {string.Join(", ", Queues)}.");
        if (limit is < 1 or > QueueLimit.Max)
        {
            throw new RunRefusedException($"A queue limit of {limit} is not possible: give 1 to {QueueLimit.Max} runs at a time, or clear it to use the workers' configuration.");
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.QueueLimits.FirstOrDefaultAsync(l => l.Queue == queue, ct);
        var before = row?.Limit;
        if (before == limit) return;
        if (limit is not { } value) db.QueueLimits.Remove(row!);
        else if (row is null) db.QueueLimits.Add(new QueueLimit { Queue = queue, Limit = value, UpdatedAt = clock.GetUtcNow(), UpdatedBy = actor });
        else (row.Limit, row.UpdatedAt, row.UpdatedBy) = (value, clock.GetUtcNow(), actor);
        AuditTrail.Add(db, actor, AuditActions.QueueLimit, $"queue/{queue}", new { before, after = limit });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (row is null)
        {
            // Another admin set this queue's first limit at the same moment: theirs stands; ask to reload.
            throw new RunRefusedException($"Someone else has just set the limit of queue '{queue}': reload the page and set it again if needed.");
        }
    }
}
