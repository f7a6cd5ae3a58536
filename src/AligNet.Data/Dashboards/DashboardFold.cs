using System.Data;
using Npgsql;

namespace AligNet.Data.Dashboards;

/// <summary>
/// Folds responses into the dashboard aggregates (ADR-024): everything received before a safe watermark, in chunks of
/// <see cref="ChunkRows"/> responses, each chunk one REPEATABLE READ transaction that moves the aggregates and the
/// watermark together. Runs beside the answer path, never in it: answers insert as before and no answer ever waits
/// on an aggregate row. Several instances may call it; one folds at a time (a session-level advisory lock), the others
/// return at once.
/// </summary>
public sealed class DashboardFold(NpgsqlDataSource dataSource, int chunkRows = DashboardFold.ChunkRows)
{
    /// <summary>Responses per transaction, so the first fold of a large database never holds one huge transaction.</summary>
    public const int ChunkRows = 50_000;

    private const long LockKey = 0x416c4e6444617368; // "AlNdDash"

    public sealed record Result(bool Folded, int Chunks, DateTime? FoldedBefore);

    /// <summary>Folds up to the safe cutoff, or up to <paramref name="before"/> if that is earlier (benchmarks, tests).</summary>
    public async Task<Result> FoldAsync(CancellationToken ct = default, DateTime? before = null)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        if (!await ScalarAsync<bool>(connection, null, $"SELECT pg_try_advisory_lock({LockKey})", ct))
        {
            return new Result(false, 0, null);
        }
        try
        {
            var cutoff = await SafeCutoffAsync(connection, ct);
            if (before < cutoff) cutoff = before.Value;
            var chunks = 0;
            DateTime to;
            do
            {
                await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
                var from = await ScalarAsync<DateTime>(connection, transaction, """SELECT "FoldedBefore" FROM alignet.dashboard_watermark""", ct);
                to = await ChunkEndAsync(connection, transaction, from, cutoff, chunkRows, ct);
                var flipped = await FlippedAsync(connection, transaction, ct);
                await FoldChunkAsync(connection, transaction, from, to, flipped, ct);
                await transaction.CommitAsync(ct);
                chunks++;
            }
            while (to < cutoff);
            return new Result(true, chunks, to);
        }
        finally
        {
            await ScalarAsync<bool>(connection, null, $"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
        }
    }

    /// <summary>
    /// Forgets every aggregate and sets the watermark back to the beginning, so the next fold starts over (the pages
    /// stay exact meanwhile: all responses are tail). For responses written outside the answer path with a ReceivedAt
    /// older than the watermark (test seeds, a restored backup), which a fold would otherwise never see. Waits for a
    /// running fold to finish.
    /// </summary>
    public async Task RebuildAsync(CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await ScalarAsync<object>(connection, null, $"SELECT pg_advisory_lock({LockKey})", ct);
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await using var command = new NpgsqlCommand("""
                TRUNCATE alignet.dashboard_session_stats, alignet.dashboard_response_hours, alignet.dashboard_rt_bins,
                    alignet.dashboard_pair_counts, alignet.dashboard_pair_histogram, alignet.dashboard_triplet_choices, alignet.dashboard_ceilings,
                    alignet.dashboard_arm_hours, alignet.dashboard_arm_teachers;
                UPDATE alignet.dashboard_watermark SET "FoldedBefore" = '-infinity', "FoldedAt" = now();
                """, connection, transaction);
            await command.ExecuteNonQueryAsync(ct);
            await transaction.CommitAsync(ct);
        }
        finally
        {
            await ScalarAsync<bool>(connection, null, $"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
        }
    }

    /// <summary>
    /// The newest time below which every response has committed. An answer's ReceivedAt is its transaction's now(),
    /// i.e. the xact_start PostgreSQL shows for that transaction while it runs; so no transaction still running can hold
    /// a response received before the oldest running transaction's start. Read before the fold's snapshot, so all of
    /// them are visible to it. One second's margin covers the instant between a transaction taking its timestamp and
    /// showing it. Only this database's transactions count; a long one (an export, say) holds the watermark back, which
    /// makes the tail longer, never the figures wrong. (Other roles' transactions are invisible here without
    /// pg_read_all_stats: run every host as one role.)
    /// </summary>
    private static Task<DateTime> SafeCutoffAsync(NpgsqlConnection connection, CancellationToken ct) =>
        ScalarAsync<DateTime>(connection, null, """
            SELECT least(clock_timestamp() - interval '1 second',
                         (SELECT min(xact_start) FROM pg_stat_activity
                          WHERE pid <> pg_backend_pid() AND backend_type = 'client backend' AND datname = current_database()))
            """, ct);

    /// <summary>The cutoff, or earlier: where the next <paramref name="rows"/> responses after the watermark end.</summary>
    private static async Task<DateTime> ChunkEndAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DateTime from, DateTime cutoff, int rows, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            SELECT "ReceivedAt" FROM alignet.responses WHERE "ReceivedAt" >= @from AND "ReceivedAt" < @cutoff
            ORDER BY "ReceivedAt" OFFSET @rows LIMIT 1
            """, connection, transaction);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("cutoff", cutoff);
        command.Parameters.AddWithValue("rows", rows);
        var end = await command.ExecuteScalarAsync(ct);
        // A chunk ends before a distinct time (the window is [from, to)); an end equal to from would fold nothing.
        return end is DateTime e && e > from ? e : cutoff < from ? from : cutoff;
    }

    private static async Task<Guid[]> FlippedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(DashboardDeltaSql.Flipped(null), connection, transaction);
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) ids.Add(reader.GetGuid(0));
        return [.. ids];
    }

    private static async Task FoldChunkAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DateTime from, DateTime to, Guid[] flipped, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var sql in Statements)
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.AddWithValue("from", from);
            command.Parameters.AddWithValue("to", to);
            command.Parameters.Add(new NpgsqlParameter("flipped", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Uuid) { Value = flipped });
            batch.BatchCommands.Add(command);
        }
        await batch.ExecuteNonQueryAsync(ct);
    }

    private static readonly string[] Statements =
    [
        // Auto-prepared statements may switch to a generic plan, which guesses the window's size; plan for the values.
        "SET LOCAL plan_cache_mode = force_custom_plan",
        $"CREATE TEMP TABLE delta ON COMMIT DROP AS {DashboardDeltaSql.Rows("@from", "@to", null)}",
        """
        INSERT INTO alignet.dashboard_response_hours ("StudyId", "Hour", "Count")
        SELECT study, date_trunc('hour', received AT TIME ZONE 'UTC'), sum(all_sign) FROM delta WHERE all_sign <> 0 GROUP BY 1, 2
        ON CONFLICT ("StudyId", "Hour") DO UPDATE SET "Count" = dashboard_response_hours."Count" + excluded."Count"
        """,
        $"""
        INSERT INTO alignet.dashboard_rt_bins ("StudyId", "Level", "Bin", "Count")
        SELECT study, level, least(floor(rt / {CollectionQuery.RtBinMs}), {CollectionQuery.RtBins})::int, sum(all_sign)
        FROM delta WHERE all_sign <> 0 AND answered AND kind <> 'Practice' GROUP BY 1, 2, 3
        ON CONFLICT ("StudyId", "Level", "Bin") DO UPDATE SET "Count" = dashboard_rt_bins."Count" + excluded."Count"
        """,
        $"""
        INSERT INTO alignet.dashboard_arm_hours ("StudyId", "Hour", "Arm", "Count") {DashboardDeltaSql.ArmHours}
        ON CONFLICT ("StudyId", "Hour", "Arm") DO UPDATE SET "Count" = dashboard_arm_hours."Count" + excluded."Count"
        """,
        $"""
        INSERT INTO alignet.dashboard_arm_teachers ("StudyId", "TeacherVersionId", "Count") {DashboardDeltaSql.ArmTeachers}
        ON CONFLICT ("StudyId", "TeacherVersionId") DO UPDATE SET "Count" = dashboard_arm_teachers."Count" + excluded."Count"
        """,
        // Per-session figures are recomputed whole for every session the chunk touched: medians do not add up.
        $"""
        INSERT INTO alignet.dashboard_session_stats ("SessionId", "StudyId", "Included", "MedianRtMs", "Probes", "Same")
        SELECT s."Id", s."StudyId", s."Qc" <> 'Excluded', {DashboardDeltaSql.MedianRt("s.\"Id\"", "@to")}, c.probes, c.same
        FROM alignet.sessions s, LATERAL ({DashboardDeltaSql.Consistency("s.\"Id\"", "@to")}) AS c
        WHERE s."Id" IN (SELECT DISTINCT session FROM delta)
        ON CONFLICT ("SessionId") DO UPDATE SET "Included" = excluded."Included", "MedianRtMs" = excluded."MedianRtMs",
            "Probes" = excluded."Probes", "Same" = excluded."Same"
        """,
        $"""
        WITH d AS ({DashboardDeltaSql.PairDelta}),
        up AS (
            INSERT INTO alignet.dashboard_pair_counts ("StudyId", "Low", "High", "Count") SELECT study, lo, hi, n FROM d
            ON CONFLICT ("StudyId", "Low", "High") DO UPDATE SET "Count" = dashboard_pair_counts."Count" + excluded."Count"
            RETURNING "StudyId", "Low", "High", "Count"),
        moves AS (SELECT up."StudyId" AS study, up."Count" - d.n AS old, up."Count" AS new FROM up JOIN d ON d.study = up."StudyId" AND d.lo = up."Low" AND d.hi = up."High")
        INSERT INTO alignet.dashboard_pair_histogram ("StudyId", "Shown", "Pairs")
        SELECT study, shown, change FROM ({DashboardDeltaSql.HistogramChanges}) AS h
        ON CONFLICT ("StudyId", "Shown") DO UPDATE SET "Pairs" = dashboard_pair_histogram."Pairs" + excluded."Pairs"
        """,
        $"""
        WITH d AS ({DashboardDeltaSql.TripletDelta}),
        up AS (
            INSERT INTO alignet.dashboard_triplet_choices ("StudyId", "X", "Y", "Z", "ChoseX", "ChoseY", "ChoseZ") SELECT study, x, y, z, dx, dy, dz FROM d
            ON CONFLICT ("StudyId", "X", "Y", "Z") DO UPDATE SET "ChoseX" = dashboard_triplet_choices."ChoseX" + excluded."ChoseX",
                "ChoseY" = dashboard_triplet_choices."ChoseY" + excluded."ChoseY", "ChoseZ" = dashboard_triplet_choices."ChoseZ" + excluded."ChoseZ"
            RETURNING *),
        moves AS (
            SELECT up."StudyId" AS study, n.share - o.share AS share, n.repeated - o.repeated AS repeated, n.triplets - o.triplets AS triplets
            FROM up JOIN d ON d.study = up."StudyId" AND (d.x, d.y, d.z) = (up."X", up."Y", up."Z"),
            LATERAL (SELECT {DashboardDeltaSql.CeilingTerms("up.\"ChoseX\"", "up.\"ChoseY\"", "up.\"ChoseZ\"")}) AS n(share, repeated, triplets),
            LATERAL (SELECT {DashboardDeltaSql.CeilingTerms("(up.\"ChoseX\" - d.dx)", "(up.\"ChoseY\" - d.dy)", "(up.\"ChoseZ\" - d.dz)")}) AS o(share, repeated, triplets))
        INSERT INTO alignet.dashboard_ceilings ("StudyId", "ShareSum", "Repeated", "Triplets")
        SELECT study, sum(share), sum(repeated), sum(triplets) FROM moves GROUP BY study
        ON CONFLICT ("StudyId") DO UPDATE SET "ShareSum" = dashboard_ceilings."ShareSum" + excluded."ShareSum",
            "Repeated" = dashboard_ceilings."Repeated" + excluded."Repeated", "Triplets" = dashboard_ceilings."Triplets" + excluded."Triplets"
        """,
        """UPDATE alignet.dashboard_watermark SET "FoldedBefore" = @to, "FoldedAt" = now()""",
    ];

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        return (T)(await command.ExecuteScalarAsync(ct))!;
    }
}
