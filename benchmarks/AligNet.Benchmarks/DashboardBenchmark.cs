using System.Diagnostics;
using System.Globalization;
using AligNet.Data;
using AligNet.Data.Access;
using AligNet.Data.Dashboards;
using AligNet.Evaluation.Metrics;
using AligNet.Evaluation.Triplets;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AligNet.Benchmarks;

/// <summary>
/// Times every query behind the dashboards (issue 16) on the database <see cref="ResponseSeeder"/> filled: one warm-up,
/// then rounds in which each query runs once (interleaved, so a burst of load hits all alike), median and range.
/// The peer is the obvious alternative for one figure: load the scored responses and let the evaluation core's
/// <see cref="HumanAgreement"/> compute the noise ceiling in .NET.
/// </summary>
internal static class DashboardBenchmark
{
    /// <summary>Gives the seeded study the shape of a real one: open, 30 days of data, levels, 2 repeat probes per session.</summary>
    public static async Task ShapeAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var clock = Stopwatch.StartNew();
        foreach (var sql in new[]
        {
            """UPDATE alignet.studies SET "State" = 'Open'""",
            """UPDATE alignet.sessions SET "StartedAt" = now() - (hashtext("Id"::text) & 1023) * interval '42 minutes', "CompletedAt" = now() - (hashtext("Id"::text) & 1023) * interval '42 minutes' + interval '20 minutes', "QcReasons" = CASE WHEN "Qc" = 'Excluded' THEN ARRAY['too fast'] ELSE '{}' END""",
            """UPDATE alignet.trials SET "Condition" = CASE WHEN "Index" % 2 = 0 THEN 'between_class' ELSE 'within_class' END, "Kind" = CASE WHEN "Index" >= 98 THEN 'RepeatProbe' ELSE 'Main' END, "RepeatOfIndex" = CASE WHEN "Index" >= 98 THEN "Index" - 50 END""",
            """UPDATE alignet.responses r SET "ReceivedAt" = s."StartedAt" + interval '10 seconds' * t."Index" FROM alignet.trials t, alignet.sessions s WHERE t."Id" = r."TrialId" AND s."Id" = r."SessionId" """,
            "VACUUM ANALYZE",
        })
        {
            await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
            await command.ExecuteNonQueryAsync();
        }
        Console.WriteLine($"Shaped the study in {clock.Elapsed.TotalSeconds:F1} s.");
    }

    public static async Task RunAsync(string connectionString, int repetitions)
    {
        await using var db = AligNetDbContext.Create(connectionString);
        var study = await db.Studies.Select(s => s.Id).SingleAsync();
        var responses = await db.Responses.LongCountAsync();
        var version = await db.Database.SqlQuery<string>($"SELECT version() AS \"Value\"").SingleAsync();
        var workers = await db.Database.SqlQuery<string>($"SELECT current_setting('max_parallel_workers_per_gather') AS \"Value\"").SingleAsync();
        var home = new AttentionQuery(db, new StaffAccess(db, new StaffCaller("bench", "bench@local", IsAdmin: true)), DateTimeOffset.UtcNow);
        var collection = new CollectionQuery(db, study);
        var access = new StaffAccess(db, new StaffCaller("bench", "bench@local", IsAdmin: true));
        var models = new ModelsQuery(db, access);
        var timeline = new RunsTimelineQuery(db, access);
        var sampling = new SamplingLiveQuery(db, access);
        var set = await db.Studies.Where(s => s.Id == study).Select(s => s.StimulusSetId).SingleAsync();
        var queries = new (string Name, Func<Task<int>> Run)[]
        {
            ("home: open studies with today's counts", async () => (await home.OpenStudiesAsync()).Count),
            ("home: responses per hour, 24 h", async () => (await home.ResponsesPerHourAsync([study])).Count),
            ("home: QC alerts", async () => (await home.QcAlertsAsync(50)).Count),
            ("home: QC reasons, 7 days", async () => (await home.QcReasonsAsync()).Count),
            ("home: runs needing attention", async () => (await home.RunsNeedingAttentionAsync()).Count),
            ("home: active teachers", async () => (await home.ActiveTeachersAsync()).Count),
            ("collection: sessions over time (day)", async () => (await collection.SessionsOverTimeAsync("day")).Count),
            ("collection: responses over time (day)", async () => (await collection.ResponsesOverTimeAsync("day")).Count),
            ("collection: RT per level", async () => (await collection.RtByLevelAsync()).Count),
            ("collection: median RT per participant", async () => (await collection.MedianRtPerParticipantAsync()).Count),
            ("collection: QC reasons", async () => (await collection.QcReasonsAsync()).Count),
            ("collection: pair coverage", async () => (await collection.PairCoverageAsync()).Count),
            ("collection: noise ceiling (SQL)", async () => (await collection.NoiseCeilingAsync()).Triplets),
            ("collection: repeat-probe consistency", async () => (await collection.RepeatConsistencyAsync()).Count),
            ("collection: active now", async () => await collection.ActiveNowAsync(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5))),
            ("models: sets with teachers", async () => (await models.SetsWithTeachersAsync()).Count),
            ("models: teacher versions", async () => (await models.TeachersAsync(set)).Count),
            ("models: latest evaluations", async () => (await models.LatestEvaluationsAsync([.. (await models.TeachersAsync(set)).Select(t => t.Id)])).Count),
            ("models: students", async () => (await models.StudentsAsync(set)).Count),
            ("runs: timeline, 30 days", async () => (await timeline.RunsAsync(DateTimeOffset.UtcNow.AddDays(-30), null)).Count),
            ("runs: newest teacher's curve", async () => (await timeline.CurveAsync((await models.TeachersAsync(set))[^1].Id)).Count),
            ("sampling: adaptive studies", async () => (await sampling.AdaptiveStudiesAsync()).Count),
            ("sampling: answered per arm (day)", async () => (await sampling.AnsweredPerArmAsync(study, "day")).Count),
            ("sampling: teachers with random-arm accuracy", async () => (await sampling.TeachersAsync((await sampling.StudyAsync(study))!)).Count),
            ("peer: noise ceiling, rows loaded + HumanAgreement", () => NoiseCeilingInDotNetAsync(connectionString, study)),
        };
        var times = queries.Select(_ => new List<double>()).ToArray();
        var rows = new int[queries.Length];
        var load = File.ReadAllText("/proc/loadavg").Split(' ')[..3];
        for (var round = -1; round < repetitions; round++)
        {
            for (var q = 0; q < queries.Length; q++)
            {
                db.ChangeTracker.Clear();
                var clock = Stopwatch.StartNew();
                rows[q] = await queries[q].Run();
                if (round >= 0) times[q].Add(clock.Elapsed.TotalMilliseconds);
            }
        }
        var loadAfter = File.ReadAllText("/proc/loadavg").Split(' ')[..3];
        PrintPages(queries.Select(q => q.Name).ToArray(), times);
        Console.WriteLine($"{responses:N0} responses; {version.Split(',')[0]}; max_parallel_workers_per_gather {workers}; " +
            $"{repetitions} rounds after 1 warm-up; load average before {string.Join(' ', load)}, after {string.Join(' ', loadAfter)}");
        Console.WriteLine("| query | median (ms) | min–max (ms) | result rows |");
        Console.WriteLine("|---|---|---|---|");
        for (var q = 0; q < queries.Length; q++)
        {
            var sorted = times[q].Order().ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {queries[q].Name} | {sorted[sorted.Count / 2]:F0} | {sorted[0]:F0}–{sorted[^1]:F0} | {rows[q]} |"));
        }
    }

    /// <summary>
    /// A page's time per round: the sum of its queries in that round (a page runs them one after another on one
    /// connection), median and range over the rounds.
    /// </summary>
    private static void PrintPages(string[] names, List<double>[] times)
    {
        Console.WriteLine("| page (all its queries in sequence) | median (ms) | min–max (ms) |");
        Console.WriteLine("|---|---|---|");
        foreach (var page in names.Select(n => n.Split(':')[0]).Where(p => p != "peer").Distinct())
        {
            var members = Enumerable.Range(0, names.Length).Where(q => names[q].StartsWith(page + ":", StringComparison.Ordinal)).ToList();
            var sums = Enumerable.Range(0, times[0].Count).Select(r => members.Sum(q => times[q][r])).Order().ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {page} | {sums[sums.Count / 2]:F0} | {sums[0]:F0}–{sums[^1]:F0} |"));
        }
    }

    private static async Task<int> NoiseCeilingInDotNetAsync(string connectionString, Guid study)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT st0."Index", st1."Index", st2."Index", sc."Index"
            FROM alignet.responses r JOIN alignet.sessions s ON s."Id" = r."SessionId" JOIN alignet.trials t ON t."Id" = r."TrialId"
            JOIN alignet.stimuli st0 ON st0."Id" = t."Stimulus0Id" JOIN alignet.stimuli st1 ON st1."Id" = t."Stimulus1Id"
            JOIN alignet.stimuli st2 ON st2."Id" = t."Stimulus2Id" JOIN alignet.stimuli sc ON sc."Id" = r."ChosenStimulusId"
            WHERE s."StudyId" = @study AND s."Qc" <> 'Excluded' AND t."Kind" IN ('Main', 'RepeatProbe')
            """, connection);
        command.Parameters.AddWithValue("study", study);
        var responses = new List<TripletResponse>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                int[] shown = [reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2)];
                var odd = reader.GetInt32(3);
                var others = shown.Where(i => i != odd).ToArray();
                responses.Add(new TripletResponse(others[0], others[1], odd));
            }
        }
        _ = HumanAgreement.From(responses).NoiseCeiling();
        return responses.Count;
    }
}
