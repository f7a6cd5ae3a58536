namespace AligNet.Web.Diagnostics;

/// <summary>
/// A lock-free latency histogram with fixed log-linear buckets (HdrHistogram's idea, much reduced): each power of
/// two of microseconds is split into <see cref="SubBuckets"/> equal parts, so any percentile is known to within
/// ~6 % from 1 µs to over an hour, in a few kilobytes, and recording is two interlocked operations.
/// </summary>
public sealed class LatencyHistogram
{
    private const int SubBucketBits = 4;
    private const int SubBuckets = 1 << SubBucketBits;
    private const int Magnitudes = 33; // 2^32 µs ≈ 71 minutes
    public const int BucketCount = Magnitudes * SubBuckets;
    private readonly long[] counts = new long[BucketCount];
    private long count;
    private long maxMicros;
    private long sumMicros;

    public void Record(TimeSpan elapsed)
    {
        var micros = Math.Max(0, (long)(elapsed.Ticks / (TimeSpan.TicksPerMillisecond / 1000)));
        Interlocked.Increment(ref counts[IndexOf(micros)]);
        Interlocked.Increment(ref count);
        Interlocked.Add(ref sumMicros, micros);
        long seen;
        while (micros > (seen = Volatile.Read(ref maxMicros)) && Interlocked.CompareExchange(ref maxMicros, micros, seen) != seen)
        {
        }
    }

    public long Count => Volatile.Read(ref count);

    /// <summary>The bucket counts as they are now (read one by one while recording goes on), for per-minute snapshots.</summary>
    public long[] Counts()
    {
        var snapshot = new long[counts.Length];
        for (var i = 0; i < counts.Length; i++) snapshot[i] = Volatile.Read(ref counts[i]);
        return snapshot;
    }

    /// <summary>
    /// A percentile of bucket counts merged from several histograms (e.g. instances and minutes): the upper edge of the
    /// bucket holding that rank, in milliseconds, so within ~6 % above the true value; 0 when there are no counts.
    /// </summary>
    public static double PercentileMs(long[] merged, double quantile) =>
        Percentile(merged, merged.Sum(), quantile, double.MaxValue);

    /// <summary>A consistent-enough view for reporting: counts read one by one while recording goes on.</summary>
    public LatencySummary Summarise()
    {
        var snapshot = new long[counts.Length];
        long total = 0;
        for (var i = 0; i < counts.Length; i++) total += snapshot[i] = Volatile.Read(ref counts[i]);
        var max = Volatile.Read(ref maxMicros) / 1000.0;
        return new LatencySummary(total,
            total == 0 ? 0 : Math.Round(Volatile.Read(ref sumMicros) / 1000.0 / total, 3),
            Percentile(snapshot, total, 0.50, max), Percentile(snapshot, total, 0.95, max), Percentile(snapshot, total, 0.99, max), max);
    }

    /// <summary>Bucket index: values below 16 µs map 1:1, above that by their top 4 bits and their magnitude.</summary>
    public static int IndexOf(long micros)
    {
        if (micros < SubBuckets) return (int)micros;
        var magnitude = 63 - (int)long.LeadingZeroCount(micros) - SubBucketBits + 1; // ≥ 1
        if (magnitude >= Magnitudes) return Magnitudes * SubBuckets - 1;
        var sub = (int)(micros >> (magnitude - 1)) - SubBuckets; // 0..15 within this magnitude (top bit implied)
        return magnitude * SubBuckets + sub;
    }

    /// <summary>Upper edge, in microseconds, of bucket <paramref name="index"/>: a percentile never reads low.</summary>
    public static double UpperEdge(int index)
    {
        var magnitude = index / SubBuckets;
        var sub = index % SubBuckets;
        if (magnitude == 0) return sub + 1;
        return (double)(SubBuckets + sub + 1) * (1L << (magnitude - 1));
    }

    private static double Percentile(long[] snapshot, long total, double quantile, double maxMs)
    {
        if (total == 0) return 0;
        var rank = (long)Math.Ceiling(quantile * total);
        long seen = 0;
        for (var i = 0; i < snapshot.Length; i++)
        {
            seen += snapshot[i];
            if (seen >= rank) return Math.Round(Math.Min(UpperEdge(i) / 1000.0, maxMs), 3);
        }
        return maxMs;
    }
}

/// <summary>Milliseconds, rounded to microseconds.</summary>
public sealed record LatencySummary(long Count, double MeanMs, double P50Ms, double P95Ms, double P99Ms, double MaxMs);
