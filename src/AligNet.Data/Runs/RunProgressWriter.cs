using System.Text.Json;
using AligNet.Domain.Runs;
using Npgsql;
using NpgsqlTypes;

namespace AligNet.Data.Runs;

/// <summary>
/// Writes a run's progress from inside the training loop (a synchronous callback): one statement stores the progress,
/// appends its line to the log tail, stores the curve points reported since the last write (thinned to at most
/// <see cref="RunCurvePoint.MaxPerRun"/> per run), announces the change and reads back whether someone asked to cancel.
/// Executing the same write twice (a retry after a lost acknowledgement) adds no point and no log line: only points
/// later than the progress already stored are new.
/// </summary>
public sealed class RunProgressWriter(NpgsqlDataSource dataSource)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // One statement, so progress, points and thinning commit together or not at all. The stride is the smallest power
    // of two that keeps ≤ MaxPerRun of all points reported; points off the stride are never inserted or are deleted.
    private static readonly string Sql = $"""
        WITH old AS (
            SELECT "CurvePointsReported" AS reported,
                   coalesce(("Progress"->>'at')::timestamptz, '-infinity') AS last_at,
                   "Progress" IS NOT DISTINCT FROM @progress::jsonb AS repeated
            FROM alignet.runs WHERE "Id" = @id FOR UPDATE),
        fresh AS (
            SELECT p.*, o.reported + row_number() OVER (ORDER BY p.n)::int - 1 AS seq
            FROM old o, unnest(@at, @stage, @epoch, @done, @loss, @accuracy) WITH ORDINALITY AS p(at, stage, epoch, done, loss, accuracy, n)
            WHERE p.at > o.last_at),
        counted AS (
            SELECT o.*, o.reported + (SELECT count(*)::int FROM fresh) AS total FROM old o),
        strided AS (
            SELECT c.*, (SELECT min(1 << e) FROM generate_series(0, 30) e WHERE (c.total - 1) / {RunCurvePoint.MaxPerRun} < (1 << e)) AS stride
            FROM counted c),
        changed AS (
            UPDATE alignet.runs r
            SET "Progress" = @progress::jsonb,
                "CurvePointsReported" = s.total,
                "LogTail" = CASE WHEN @line = '' OR s.repeated THEN "LogTail" ELSE right(coalesce("LogTail" || E'\n', '') || @line, 8000) END
            FROM strided s
            WHERE r."Id" = @id
            RETURNING r."CancelRequested", s.stride),
        added AS (
            INSERT INTO alignet.run_curve_points ("RunId", "Seq", "At", "Stage", "Epoch", "Done", "Loss", "ValidationAccuracy")
            SELECT @id, f.seq, f.at, left(f.stage, 200), f.epoch, f.done, f.loss, f.accuracy
            FROM fresh f, changed c WHERE f.seq % c.stride = 0),
        thinned AS (
            DELETE FROM alignet.run_curve_points d USING changed c WHERE d."RunId" = @id AND d."Seq" % c.stride <> 0)
        SELECT "CancelRequested", pg_notify('{RunNotifications.Channel}', @id::text) FROM changed
        """;

    /// <param name="curve">The curve points reported since the last write, oldest first; by default the progress itself
    /// when it carries a loss or a validation accuracy (<see cref="IsCurvePoint"/>).</param>
    /// <returns>Whether cancellation was requested.</returns>
    public bool Write(Guid runId, RunProgress progress, bool appendToLog, IReadOnlyList<RunProgress>? curve = null)
    {
        curve ??= IsCurvePoint(progress) ? [progress] : [];
        using var command = dataSource.CreateCommand(Sql);
        command.Parameters.AddWithValue("id", runId);
        command.Parameters.AddWithValue("progress", JsonSerializer.Serialize(progress, Json));
        command.Parameters.AddWithValue("line", appendToLog ? $"{progress.At:HH:mm:ss} {progress.Describe()}" : "");
        Array("at", NpgsqlDbType.TimestampTz, curve.Select(p => p.At.UtcDateTime).ToArray());
        Array("stage", NpgsqlDbType.Text, curve.Select(p => p.Stage).ToArray());
        Array("epoch", NpgsqlDbType.Integer, curve.Select(p => p.Epoch).ToArray());
        Array("done", NpgsqlDbType.Bigint, curve.Select(p => p.Done).ToArray());
        Array("loss", NpgsqlDbType.Double, curve.Select(p => p.Loss).ToArray());
        Array("accuracy", NpgsqlDbType.Double, curve.Select(p => p.ValidationAccuracy).ToArray());
        using var reader = command.ExecuteReader();
        return reader.Read() && reader.GetBoolean(0);

        void Array(string name, NpgsqlDbType type, object values) =>
            command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Array | type) { Value = values });
    }

    /// <summary>A progress report that belongs on the run's curve: it carries a loss or a validation accuracy.</summary>
    public static bool IsCurvePoint(RunProgress progress) => progress.Loss is not null || progress.ValidationAccuracy is not null;

    public static RunProgress? Read(string? json) => json is null ? null : JsonSerializer.Deserialize<RunProgress>(json, Json);
}
