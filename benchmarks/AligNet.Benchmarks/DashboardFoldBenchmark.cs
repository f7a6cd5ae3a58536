using System.Diagnostics;
using System.Globalization;
using AligNet.Data;
using AligNet.Data.Dashboards;
using Npgsql;

namespace AligNet.Benchmarks;

/// <summary>
/// The aggregate side of the dashboard benchmark (ADR-024): how long <see cref="DashboardFold"/> takes (the first fold
/// of every response, then an incremental one), how many responses the page still reads live (the tail), and a QC
/// change of many sessions at once that the page must apply before the next fold.
/// </summary>
internal static class DashboardFoldBenchmark
{
    public static async Task FoldAsync(string connectionString)
    {
        await using var source = DataServiceCollectionExtensions.CreateDataSource(connectionString);
        var clock = Stopwatch.StartNew();
        var result = await new DashboardFold(source).FoldAsync();
        var seconds = clock.Elapsed.TotalSeconds;
        var tail = await ScalarAsync<long>(source, """SELECT count(*) FROM alignet.responses WHERE "ReceivedAt" >= (SELECT "FoldedBefore" FROM alignet.dashboard_watermark)""");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Fold: {seconds:F1} s, {result.Chunks} chunk(s) of ≤ {DashboardFold.ChunkRows:N0} responses, folded={result.Folded}; tail left for the page: {tail:N0} responses; load {Load()}"));
    }

    /// <summary>
    /// Leaves the newest <paramref name="tail"/> responses unfolded, as if they had arrived since the last fold:
    /// rebuilds the aggregates if they already hold them, then folds up to that point (timed).
    /// </summary>
    public static async Task TailAsync(string connectionString, int tail)
    {
        await using var source = DataServiceCollectionExtensions.CreateDataSource(connectionString);
        var before = await ScalarAsync<DateTime>(source, $"""SELECT "ReceivedAt" FROM alignet.responses ORDER BY "ReceivedAt" DESC OFFSET {tail - 1} LIMIT 1""");
        var fold = new DashboardFold(source);
        if (await ScalarAsync<DateTime>(source, """SELECT "FoldedBefore" FROM alignet.dashboard_watermark""") > before) await fold.RebuildAsync();
        var clock = Stopwatch.StartNew();
        var result = await fold.FoldAsync(before: before);
        var left = await ScalarAsync<long>(source, """SELECT count(*) FROM alignet.responses WHERE "ReceivedAt" >= (SELECT "FoldedBefore" FROM alignet.dashboard_watermark)""");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Folded up to the newest {tail:N0}: {clock.Elapsed.TotalSeconds:F1} s, {result.Chunks} chunk(s); tail left for the page: {left:N0} responses; load {Load()}"));
    }

    /// <summary>Excludes <paramref name="sessions"/> included sessions (QC reversed by hand, say), not folded yet.</summary>
    public static async Task FlipAsync(string connectionString, int sessions)
    {
        await using var source = DataServiceCollectionExtensions.CreateDataSource(connectionString);
        var changed = await ScalarAsync<long>(source, $"""
            WITH picked AS (SELECT "Id" FROM alignet.sessions WHERE "Qc" <> 'Excluded' ORDER BY "Id" LIMIT {sessions}),
            done AS (UPDATE alignet.sessions s SET "Qc" = 'Excluded' FROM picked WHERE s."Id" = picked."Id" RETURNING 1)
            SELECT count(*) FROM done
            """);
        Console.WriteLine($"QC changed to Excluded for {changed} sessions (not folded yet).");
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource source, string sql)
    {
        await using var command = source.CreateCommand(sql);
        command.CommandTimeout = 0;
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static string Load() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]);
}
