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

    public sealed record RouteBucketCount(string Route, DateTime Time, int Bucket, long Count);

    /// <param name="AllRoutes">Every instance's and route's counts merged per bin.</param>
    /// <param name="ByRoute">Per participant route (instances merged), routes in ordinal order; minutes written before
    /// routes were recorded appear as "(all routes)".</param>
    public sealed record History(List<Point> AllRoutes, List<(string Route, List<Point> Points)> ByRoute);

    /// <summary>Both views from one read of the snapshots (the Home dashboard shows both).</summary>
    public static async Task<History> ReadHistoryAsync(AligNetDbContext db, DateTimeOffset since, TimeSpan bin, CancellationToken ct = default)
    {
        var rows = await ReadRowsAsync(db, since, bin, ct);
        return new History(
            Points(rows.Select(r => new BucketCount(r.Time, r.Bucket, r.Count))),
            [.. rows.GroupBy(r => r.Route).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (g.Key, Points(g.Select(r => new BucketCount(r.Time, r.Bucket, r.Count)))))]);
    }

    private static Task<List<RouteBucketCount>> ReadRowsAsync(AligNetDbContext db, DateTimeOffset since, TimeSpan bin, CancellationToken ct) =>
        db.Database.SqlQuery<RouteBucketCount>($"""
            SELECT m."Route" AS "Route", date_bin({bin}, m."Minute", TIMESTAMPTZ '2000-01-01 00:00:00+00') AT TIME ZONE 'UTC' AS "Time", u.b AS "Bucket", sum(u.c)::bigint AS "Count"
            FROM alignet.api_latency_minutes m, unnest(m."Buckets", m."Counts") AS u(b, c)
            WHERE m."Minute" >= {since}
            GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
            """).ToListAsync(ct);

    private static List<Point> Points(IEnumerable<BucketCount> rows) =>
        [.. rows.GroupBy(r => r.Time).OrderBy(g => g.Key).Select(bucketsOfBin =>
        {
            var merged = new long[LatencyHistogram.BucketCount];
            foreach (var r in bucketsOfBin) merged[r.Bucket] += r.Count;
            return new Point(bucketsOfBin.Key, merged.Sum(), LatencyHistogram.PercentileMs(merged, 0.50),
                LatencyHistogram.PercentileMs(merged, 0.95), LatencyHistogram.PercentileMs(merged, 0.99));
        })];
}
