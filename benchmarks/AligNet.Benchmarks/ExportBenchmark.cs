using System.Diagnostics;
using AligNet.Data;
using AligNet.Data.Exports;
using Npgsql;

namespace AligNet.Benchmarks;

/// <summary>
/// One export per process, so the peak memory (VmHWM) belongs to that export alone. The peer is PostgreSQL's own
/// <c>COPY (the same join) TO STDOUT CSV</c>: the server formats, the client only copies bytes — a ceiling.
/// </summary>
internal static class ExportBenchmark
{
    public static async Task RunPlatformAsync(string connectionString, string format, string path)
    {
        await using var db = AligNetDbContext.Create(connectionString);
        var chosen = ExportFormats.Parse(format);
        // odd-last needs one study (indices refer to its stimulus set); the benchmark database holds exactly one.
        var filter = chosen == ExportFormat.OddLast ? new ExportFilter(db.Studies.Select(s => s.Id).Single()) : new ExportFilter();
        var clock = Stopwatch.StartNew();
        long rows;
        await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        {
            rows = await new ResponseExporter(db).ExportAsync(chosen, filter, file);
        }
        Report($"AligNet.Web {format}", rows, clock.Elapsed, path);
    }

    public static async Task RunPostgresCopyAsync(string connectionString, string path)
    {
        const string query = """
            COPY (SELECT s."StudyId", st."Name", s."Id", p."ExternalId", p."Source", s."Qc", t."Index", t."Block", t."Kind",
                         t."Stimulus0Id", t."Stimulus1Id", t."Stimulus2Id", s0."Index", s1."Index", s2."Index",
                         r."ChosenPosition", r."ChosenStimulusId", r."RtMs", r."OnsetTimeMs", r."ResponseTimeMs", r."Input",
                         r."FocusLost", r."FullscreenExits", r."ReceivedAt"
                  FROM alignet.responses r
                  JOIN alignet.trials t ON t."Id" = r."TrialId"
                  JOIN alignet.sessions s ON s."Id" = t."SessionId"
                  JOIN alignet.studies st ON st."Id" = s."StudyId"
                  JOIN alignet.participants p ON p."Id" = s."ParticipantId"
                  JOIN alignet.stimuli s0 ON s0."Id" = t."Stimulus0Id"
                  JOIN alignet.stimuli s1 ON s1."Id" = t."Stimulus1Id"
                  JOIN alignet.stimuli s2 ON s2."Id" = t."Stimulus2Id"
                  ORDER BY s."StudyId", s."StartedAt", s."Id", t."Index") TO STDOUT (FORMAT CSV, HEADER)
            """;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var clock = Stopwatch.StartNew();
        await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        await using (var reader = await connection.BeginTextExportAsync(query))
        {
            var buffer = new char[1 << 16];
            await using var writer = new StreamWriter(file);
            int read;
            while ((read = await reader.ReadAsync(buffer)) > 0) await writer.WriteAsync(buffer.AsMemory(0, read));
        }
        var rows = File.ReadLines(path).LongCount() - 1;
        Report("PostgreSQL COPY csv", rows, clock.Elapsed, path);
    }

    private static void Report(string what, long rows, TimeSpan elapsed, string path)
    {
        var peak = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        Console.WriteLine($"| {what} | {rows:N0} | {elapsed.TotalSeconds:F1} s | {rows / elapsed.TotalSeconds:N0} rows/s | {long.Parse(peak, System.Globalization.CultureInfo.InvariantCulture) / 1024} MiB | {new FileInfo(path).Length / (1024 * 1024)} MiB |");
    }
}
