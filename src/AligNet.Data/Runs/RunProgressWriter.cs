using System.Text.Json;
using AligNet.Domain.Runs;
using Npgsql;

namespace AligNet.Data.Runs;

/// <summary>
/// Writes a run's progress from inside the training loop (a synchronous callback): one statement stores the progress,
/// appends its line to the log tail, announces the change and reads back whether someone asked to cancel.
/// </summary>
public sealed class RunProgressWriter(NpgsqlDataSource dataSource)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string Sql = $"""
        WITH changed AS (
            UPDATE alignet.runs
            SET "Progress" = @progress::jsonb,
                "LogTail" = CASE WHEN @line = '' THEN "LogTail" ELSE right(coalesce("LogTail" || E'\n', '') || @line, 8000) END
            WHERE "Id" = @id
            RETURNING "CancelRequested")
        SELECT "CancelRequested", pg_notify('{RunNotifications.Channel}', @id::text) FROM changed
        """;

    /// <returns>Whether cancellation was requested.</returns>
    public bool Write(Guid runId, RunProgress progress, bool appendToLog)
    {
        using var command = dataSource.CreateCommand(Sql);
        command.Parameters.AddWithValue("id", runId);
        command.Parameters.AddWithValue("progress", JsonSerializer.Serialize(progress, Json));
        command.Parameters.AddWithValue("line", appendToLog ? $"{progress.At:HH:mm:ss} {progress.Describe()}" : "");
        using var reader = command.ExecuteReader();
        return reader.Read() && reader.GetBoolean(0);
    }

    public static RunProgress? Read(string? json) => json is null ? null : JsonSerializer.Deserialize<RunProgress>(json, Json);
}
