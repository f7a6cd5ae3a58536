using Npgsql;
using NpgsqlTypes;
using AligNet.Web.Hosting;

namespace AligNet.Web.Diagnostics;

/// <summary>
/// Writes the participant API's latency histogram to <c>alignet.api_latency_minutes</c> once a minute (issue 16,
/// ADR-024): per web instance and participant route, the bucket counts of the requests since the previous write, sparse. Buckets add up
/// across instances and minutes, so the dashboard merges them and takes percentiles of the merged counts — exact to the
/// histogram's resolution, unlike averaging each instance's percentiles. Rows older than 30 days are deleted.
/// </summary>
public sealed class ApiLatencySnapshots(ParticipantApiLatency latency, NpgsqlDataSource dataSource, ILogger<ApiLatencySnapshots> log) : PeriodicWork(log)
{
    public static readonly TimeSpan Every = TimeSpan.FromMinutes(1);

    /// <summary>This process among the web instances writing to the same database.</summary>
    public static readonly string Instance = $"{Environment.MachineName}:{Environment.ProcessId}";

    private IReadOnlyDictionary<string, long[]> written = new Dictionary<string, long[]>();

    protected override TimeSpan Interval => Every;

    // A failed write keeps the counts: they go out with the next minute's.
    protected override string What => "Writing the participant API latency snapshot";

    protected override bool RunsAtStart => false;

    protected override Task RunOnceAsync(CancellationToken ct) => WriteAsync(ct);

    /// <summary>The last partial minute goes out when the host stops.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await TryRunOnceAsync(cancellationToken);
    }

    /// <summary>Writes the requests since the last successful write under the current minute, per route; returns how many.</summary>
    public async Task<long> WriteAsync(CancellationToken ct = default)
    {
        var now = latency.LifetimeCounts();
        await using var batch = dataSource.CreateBatch();
        long total = 0;
        foreach (var (route, counts) in now)
        {
            var before = written.GetValueOrDefault(route) ?? new long[LatencyHistogram.BucketCount];
            var buckets = Enumerable.Range(0, counts.Length).Where(i => counts[i] != before[i]).ToArray();
            if (buckets.Length == 0) continue;
            var deltas = buckets.Select(i => counts[i] - before[i]).ToArray();
            total += deltas.Sum();
            batch.BatchCommands.Add(Insert(route, buckets, deltas));
        }
        if (total == 0) return 0;
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""DELETE FROM alignet.api_latency_minutes WHERE "Minute" < now() - interval '30 days'"""));
        await batch.ExecuteNonQueryAsync(ct);
        written = now;
        return total;
    }

    private static NpgsqlBatchCommand Insert(string route, int[] buckets, long[] counts)
    {
        var insert = new NpgsqlBatchCommand("""
            INSERT INTO alignet.api_latency_minutes ("Minute", "Instance", "Route", "Requests", "Buckets", "Counts")
            VALUES (date_trunc('minute', now()), @instance, @route, @requests, @buckets, @counts)
            ON CONFLICT ("Minute", "Instance", "Route") DO UPDATE SET ("Requests", "Buckets", "Counts") = (
                SELECT api_latency_minutes."Requests" + excluded."Requests", array_agg(b ORDER BY b), array_agg(c ORDER BY b)
                FROM (SELECT b, sum(c)::bigint AS c
                      FROM unnest(api_latency_minutes."Buckets" || excluded."Buckets", api_latency_minutes."Counts" || excluded."Counts") AS u(b, c)
                      GROUP BY b) AS merged)
            """);
        insert.Parameters.AddWithValue("instance", Instance);
        insert.Parameters.AddWithValue("route", route);
        insert.Parameters.AddWithValue("requests", counts.Sum());
        insert.Parameters.Add(new NpgsqlParameter("buckets", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = buckets });
        insert.Parameters.Add(new NpgsqlParameter("counts", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = counts });
        return insert;
    }
}
