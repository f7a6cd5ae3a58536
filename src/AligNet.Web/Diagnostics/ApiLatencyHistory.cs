using AligNet.Data;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Web.Diagnostics;

/// <summary>
/// Participant API latency over time, from the per-instance minute snapshots (<see cref="ApiLatencySnapshots"/>):
/// the bucket counts of all instances are summed per time bin in SQL, then the percentiles are taken of the merged
/// counts (<see cref="LatencyHistogram.PercentileMs"/>: the bucket's upper edge, within ~6 % above the true value).
/// </summary>
public static class ApiLatencyHistory
{
    public sealed record Point(DateTime Time, long Requests, double P50Ms, double P95Ms, double P99Ms);

    public sealed record BucketCount(DateTime Time, int Bucket, long Count);

    public static async Task<List<Point>> ReadAsync(AligNetDbContext db, DateTimeOffset since, TimeSpan bin, CancellationToken ct = default)
    {
        var rows = await db.Database.SqlQuery<BucketCount>($"""
            SELECT date_bin({bin}, m."Minute", TIMESTAMPTZ '2000-01-01 00:00:00+00') AT TIME ZONE 'UTC' AS "Time", u.b AS "Bucket", sum(u.c)::bigint AS "Count"
            FROM alignet.api_latency_minutes m, unnest(m."Buckets", m."Counts") AS u(b, c)
            WHERE m."Minute" >= {since}
            GROUP BY 1, 2 ORDER BY 1, 2
            """).ToListAsync(ct);
        return [.. rows.GroupBy(r => r.Time).Select(bucketsOfBin =>
        {
            var merged = new long[LatencyHistogram.BucketCount];
            foreach (var r in bucketsOfBin) merged[r.Bucket] += r.Count;
            return new Point(bucketsOfBin.Key, merged.Sum(), LatencyHistogram.PercentileMs(merged, 0.50),
                LatencyHistogram.PercentileMs(merged, 0.95), LatencyHistogram.PercentileMs(merged, 0.99));
        })];
    }
}
