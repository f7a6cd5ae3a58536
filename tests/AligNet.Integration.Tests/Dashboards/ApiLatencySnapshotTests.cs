using AligNet.Data;
using AligNet.TestSupport;
using AligNet.Web.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace AligNet.Integration.Tests.Dashboards;

/// <summary>
/// The participant API latency snapshots (issue 16): minute deltas of the never-reset histogram go to the database,
/// a reset of the staff's measuring period loses nothing, and the history merges instances before taking percentiles, for all routes together and per route.
/// </summary>
public class ApiLatencySnapshotTests
{
    [Fact]
    public async Task Minute_snapshots_hold_every_request_once_and_merge_across_instances_before_percentiles()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync();
        await using var source = DataServiceCollectionExtensions.CreateDataSource(database.ConnectionString);
        var latency = new ParticipantApiLatency();
        var snapshots = new ApiLatencySnapshots(latency, source, NullLogger<ApiLatencySnapshots>.Instance);
        var ct = TestContext.Current.CancellationToken;

        for (var i = 0; i < 3; i++) latency.Record("POST /api/p/responses", 200, TimeSpan.FromMilliseconds(10));
        latency.Record("GET /api/p/trials", 200, TimeSpan.FromMilliseconds(200));
        Assert.Equal(4, await snapshots.WriteAsync(ct));
        Assert.Equal(0, await snapshots.WriteAsync(ct));
        latency.Reset(); // the staff's "new period" must not touch what the snapshots count
        latency.Record("POST /api/p/responses", 200, TimeSpan.FromMilliseconds(10));
        Assert.Equal(1, await snapshots.WriteAsync(ct));

        await using var db = database.CreateContext();
        // Bucket 163 holds 10 ms (upper edge 10.24 ms), bucket 232 holds 200 ms (upper edge 204.8 ms): see LatencyHistogram.
        var stored = await db.Database.SqlQuery<ApiLatencyHistory.BucketCount>($"""
            SELECT now() AT TIME ZONE 'UTC' AS "Time", u.b AS "Bucket", sum(u.c)::bigint AS "Count"
            FROM alignet.api_latency_minutes m, unnest(m."Buckets", m."Counts") AS u(b, c) GROUP BY u.b ORDER BY u.b
            """).ToListAsync(ct);
        Assert.Equal([(163, 4L), (232, 1L)], stored.Select(b => (b.Bucket, b.Count)));

        // A second instance with 95 slow requests: merged, the median is slow; averaging per-instance medians would not say so.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO alignet.api_latency_minutes VALUES (date_trunc('minute', now()), 'other', 95, ARRAY[232], ARRAY[95::bigint])
            ON CONFLICT DO NOTHING
            """, ct);
        var history = (await ApiLatencyHistory.ReadHistoryAsync(db, DateTimeOffset.UtcNow.AddHours(-1), TimeSpan.FromDays(30), ct)).AllRoutes;
        var point = Assert.Single(history);
        Assert.Equal((100L, 204.8, 204.8, 204.8), (point.Requests, point.P50Ms, point.P95Ms, point.P99Ms));
        await db.Database.ExecuteSqlAsync($"DELETE FROM alignet.api_latency_minutes WHERE \"Instance\" = 'other'", ct);
        point = Assert.Single((await ApiLatencyHistory.ReadHistoryAsync(db, DateTimeOffset.UtcNow.AddHours(-1), TimeSpan.FromDays(30), ct)).AllRoutes);
        Assert.Equal((5L, 10.24, 204.8, 204.8), (point.Requests, point.P50Ms, point.P95Ms, point.P99Ms));

        // Per route: one row per instance, minute and route; each route's percentiles from its own counts only.
        Assert.Equal([new RouteRequests("GET /api/p/trials", 1), new RouteRequests("POST /api/p/responses", 4)], await db.Database.SqlQuery<RouteRequests>($"""
            SELECT "Route", sum("Requests")::bigint AS "Requests" FROM alignet.api_latency_minutes GROUP BY 1 ORDER BY 1
            """).ToListAsync(ct));
        var byRoute = (await ApiLatencyHistory.ReadHistoryAsync(db, DateTimeOffset.UtcNow.AddHours(-1), TimeSpan.FromDays(30), ct)).ByRoute;
        Assert.Equal(["GET /api/p/trials", "POST /api/p/responses"], byRoute.Select(r => r.Route));
        var trials = Assert.Single(byRoute[0].Points);
        var responses = Assert.Single(byRoute[1].Points);
        Assert.Equal((1L, 204.8, 204.8), (trials.Requests, trials.P50Ms, trials.P99Ms));
        Assert.Equal((4L, 10.24, 10.24), (responses.Requests, responses.P50Ms, responses.P99Ms));
    }

    private sealed record RouteRequests(string Route, long Requests);
}
