using System.Reflection;
using AligNet.Data;
using AligNet.Data.Startup;
using AligNet.Domain.Runs;
using AligNet.Jobs;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Configuration;

namespace AligNet.Pipelines.Runs;

/// <summary>
/// The concurrency limit per Hangfire queue across all workers on all machines (set by an admin and stored in
/// <c>alignet.queue_limits</c>, else the worker's <c>Runs__QueueLimits__gpu=1</c>): a run
/// may start only while fewer runs of its queue are Running. The check and the run's move to Running happen in one
/// transaction under a PostgreSQL advisory lock per queue, so two workers cannot both take the last slot. A run over
/// the limit stays Queued (no attempt counted) and its job is scheduled again after <see cref="RetryDelay"/>.
/// </summary>
public sealed class RunQueueGate(IReadOnlyDictionary<string, int> limits, TimeSpan retryDelay, IBackgroundJobClient jobs)
{
    public const string LimitsSection = "Runs:QueueLimits";
    public const string RetrySetting = "Runs:QueueRetrySeconds";

    public TimeSpan RetryDelay => retryDelay;

    /// <summary>Reads and checks the settings (at registration, so a bad value stops the host at start-up with the fix).</summary>
    public static (IReadOnlyDictionary<string, int> Limits, TimeSpan RetryDelay) ReadSettings(IConfiguration configuration)
    {
        var limits = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in configuration.GetSection(LimitsSection).GetChildren())
        {
            if (!int.TryParse(entry.Value, out var limit) || limit < 1)
            {
                throw new StartupException($"{LimitsSection}:{entry.Key} is '{entry.Value}'; give a whole number of at least 1 "
                    + $"(e.g. Runs__QueueLimits__{entry.Key}=1), or remove it for no limit. Set it the same on every worker.");
            }
            limits[entry.Key] = limit;
        }
        var seconds = configuration.GetValue<int?>(RetrySetting) ?? 30;
        if (seconds < 1) throw new StartupException($"{RetrySetting} is {seconds}; give the seconds (≥ 1) a run waits before it asks its queue again, e.g. 30.");
        return (limits, TimeSpan.FromSeconds(seconds));
    }

    /// <summary>The queue a kind's contract declares with <see cref="QueueAttribute"/>, or null (a pipeline's parent run).</summary>
    public static string? QueueOf(RunKind kind) => RunDispatcher.Contract(kind)?.GetCustomAttribute<QueueAttribute>(inherit: true)?.Queue;

    /// <summary>
    /// Opens the transaction in which the caller moves the run to Running, holding its queue's lock until commit.
    /// Returns null when the queue has no limit; throws <see cref="QueueFullException"/> when it is full.
    /// </summary>
    public async Task<IDbContextTransaction?> EnterAsync(AligNetDbContext db, Guid runId)
    {
        // A finished or cancelled run takes no slot: the ledger ends it without starting it.
        var kind = await db.Runs.AsNoTracking()
            .Where(r => r.Id == runId && !r.CancelRequested && (r.State == RunState.Queued || r.State == RunState.Running))
            .Select(r => (RunKind?)r.Kind).FirstOrDefaultAsync();
        if (kind is not { } k || QueueOf(k) is not { } queue) return null;
        // An admin's limit (Schedules page) overrides this worker's configuration, which is the default.
        var stored = await db.QueueLimits.AsNoTracking().Where(q => q.Queue == queue).Select(q => (int?)q.Limit).FirstOrDefaultAsync();
        if ((stored ?? (limits.TryGetValue(queue, out var configured) ? configured : null)) is not { } limit) return null;

        var transaction = await db.Database.BeginTransactionAsync();
        // One lock per queue name; released when the transaction ends.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext('alignet.queue'), hashtext({queue}))");
        var kinds = Enum.GetValues<RunKind>().Where(x => QueueOf(x) == queue).ToList();
        var running = await db.Runs.CountAsync(r => r.State == RunState.Running && r.Id != runId && kinds.Contains(r.Kind));
        if (running < limit) return transaction;

        await transaction.DisposeAsync();
        throw new QueueFullException(queue, limit, running);
    }

    /// <summary>Schedules the run's job again after the retry delay; returns the new Hangfire job id.</summary>
    public string Defer(RunKind kind, Guid runId)
    {
        var contract = RunDispatcher.Contract(kind)!;
        var job = new Job(contract, typeof(IRunJob).GetMethod(nameof(IRunJob.RunAsync))!, runId);
        return jobs.Create(job, new ScheduledState(retryDelay));
    }
}

public sealed class QueueFullException(string queue, int limit, int running)
    : Exception($"queue {queue} is at its limit ({running} running, at most {limit}); waiting for a free slot")
{
    public string Queue { get; } = queue;
}
