using System.Collections.Concurrent;

namespace AligNet.Cli.Bots;

/// <summary>
/// What the bots saw, counted without locks on the hot path: per-attempt latency per request kind, outcomes by
/// status, retries, acknowledged response ids (kept to check against the database afterwards).
/// </summary>
public sealed class ClientStats
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<float>> latencies = new();
    private readonly ConcurrentDictionary<string, long> errors = new();
    private readonly ConcurrentQueue<Guid> acknowledged = new();
    private readonly ConcurrentQueue<Guid> sessions = new();
    private readonly long[] acksPerSecond = new long[24 * 3600];
    private readonly System.Diagnostics.Stopwatch clock = System.Diagnostics.Stopwatch.StartNew();
    private long retries, duplicates, sessionsCompleted, sessionsEndedEarly, sessionsFailed, thinkMicros, thinks;

    public void RecordAttempt(string kind, double milliseconds, int? status)
    {
        latencies.GetOrAdd(kind, _ => new ConcurrentQueue<float>()).Enqueue((float)milliseconds);
        if (status is not (>= 200 and < 300)) errors.AddOrUpdate(status?.ToString() ?? "no answer", 1, (_, n) => n + 1);
    }

    public void RecordError(string what) => errors.AddOrUpdate(what, 1, (_, n) => n + 1);
    public void RecordRetry() => Interlocked.Increment(ref retries);
    public void RecordSessionStarted(Guid id) => sessions.Enqueue(id);
    public void RecordSessionEnded(bool early) { Interlocked.Increment(ref sessionsCompleted); if (early) Interlocked.Increment(ref sessionsEndedEarly); }
    public void RecordSessionFailed() => Interlocked.Increment(ref sessionsFailed);

    public void RecordThink(double ms)
    {
        Interlocked.Add(ref thinkMicros, (long)(ms * 1000));
        Interlocked.Increment(ref thinks);
    }

    public void RecordAcknowledged(Guid id, bool duplicate)
    {
        acknowledged.Enqueue(id);
        Interlocked.Increment(ref acksPerSecond[Math.Min(acksPerSecond.Length - 1, (int)clock.Elapsed.TotalSeconds)]);
        if (duplicate) Interlocked.Increment(ref duplicates);
    }

    public long Acknowledged => acknowledged.Count;

    /// <summary>Acknowledgements per second over whole seconds [from, to) of the run: the sustained rate after the ramp.</summary>
    public double AcknowledgedPerSecond(int from, int to)
    {
        if (to <= from) return 0;
        long sum = 0;
        for (var s = from; s < to && s < acksPerSecond.Length; s++) sum += Interlocked.Read(ref acksPerSecond[s]);
        return sum / (double)(to - from);
    }

    public IReadOnlyCollection<Guid> AcknowledgedIds => acknowledged;
    public IReadOnlyCollection<Guid> SessionIds => sessions;
    public long Retries => Interlocked.Read(ref retries);
    public long DuplicatesAcknowledged => Interlocked.Read(ref duplicates);
    public long SessionsCompleted => Interlocked.Read(ref sessionsCompleted);
    public long SessionsEndedEarly => Interlocked.Read(ref sessionsEndedEarly);
    public long SessionsFailed => Interlocked.Read(ref sessionsFailed);
    public double MeanThinkMs => Interlocked.Read(ref thinks) is var n and > 0 ? Interlocked.Read(ref thinkMicros) / 1000.0 / n : 0;
    public IReadOnlyDictionary<string, long> Errors => new SortedDictionary<string, long>(errors);

    /// <summary>p50/p95/p99/max in ms per request kind, and over all kinds ("all").</summary>
    public IReadOnlyDictionary<string, LatencyFigures> Latency()
    {
        var result = new SortedDictionary<string, LatencyFigures>(StringComparer.Ordinal);
        var all = new List<float>();
        foreach (var (kind, queue) in latencies)
        {
            var values = queue.ToArray();
            all.AddRange(values);
            result[kind] = LatencyFigures.Of(values);
        }
        result["all"] = LatencyFigures.Of([.. all]);
        return result;
    }
}

public sealed record LatencyFigures(long Count, double P50Ms, double P95Ms, double P99Ms, double MaxMs)
{
    public static LatencyFigures Of(float[] values)
    {
        if (values.Length == 0) return new LatencyFigures(0, 0, 0, 0, 0);
        Array.Sort(values);
        double At(double q) => Math.Round(values[Math.Clamp((int)Math.Ceiling(q * values.Length) - 1, 0, values.Length - 1)], 2);
        return new LatencyFigures(values.Length, At(0.50), At(0.95), At(0.99), Math.Round(values[^1], 2));
    }
}
