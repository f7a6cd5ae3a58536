using AligNet.Data;
using AligNet.Migrations;
using Npgsql;
using NpgsqlTypes;

namespace AligNet.Benchmarks;

/// <summary>
/// Fills a benchmark database with N responses (100 trials per session, 1,854 stimuli) through PostgreSQL's binary
/// COPY, the fastest way in. The rows look like real ones: random triplets, positions and reaction times.
/// </summary>
internal static class ResponseSeeder
{
    private const int Stimuli = 1854;
    private const int TrialsPerSession = 100;

    public static async Task SeedAsync(string connectionString, int count)
    {
        await MigrationRunner.RunAsync(connectionString, TextWriter.Null);
        await using var db = AligNetDbContext.Create(connectionString);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var random = new Random(42);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var setId = Guid.NewGuid();
        var studyId = Guid.NewGuid();
        var stimulusIds = Enumerable.Range(0, Stimuli).Select(_ => Guid.NewGuid()).ToArray();
        await ExecuteAsync(connection, $"INSERT INTO alignet.stimulus_sets (\"Id\", \"Name\", \"Description\", \"CreatedAt\") VALUES ('{setId}', 'bench {setId}', '', now())");
        await using (var copy = await connection.BeginBinaryImportAsync("COPY alignet.stimuli (\"Id\", \"StimulusSetId\", \"Index\", \"Label\", \"CategoryPath\", \"ImagePath\", \"ContentType\", \"Sha256\", \"Width\", \"Height\") FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < Stimuli; i++)
            {
                await copy.WriteRowAsync(default, stimulusIds[i], setId, i, $"concept {i}", new[] { "bench" }, $"{i}.png", "image/png", i.ToString("x64"), 224, 224);
            }
            await copy.CompleteAsync();
        }
        await ExecuteAsync(connection, $"INSERT INTO alignet.studies (\"Id\", \"Name\", \"Description\", \"StimulusSetId\", \"State\", \"Recruitment\", \"TrialsPerParticipant\", \"PracticeTrials\", \"CatchTrialShare\", \"ResponseTimeLimitMs\", \"MinimumValidRtMs\", \"CreatedAt\") VALUES ('{studyId}', 'bench {studyId}', '', '{setId}', 'Closed', 'Prolific', {TrialsPerSession}, 0, 0, 15000, 300, now())");

        var sessions = (count + TrialsPerSession - 1) / TrialsPerSession;
        var participants = Enumerable.Range(0, sessions).Select(_ => Guid.NewGuid()).ToArray();
        var sessionIds = Enumerable.Range(0, sessions).Select(_ => Guid.NewGuid()).ToArray();
        await using (var copy = await connection.BeginBinaryImportAsync("COPY alignet.participants (\"Id\", \"Source\", \"ExternalId\", \"CreatedAt\") FROM STDIN (FORMAT BINARY)"))
        {
            for (var s = 0; s < sessions; s++) await copy.WriteRowAsync(default, participants[s], "Prolific", $"PID{s:D7}", DateTime.UtcNow);
            await copy.CompleteAsync();
        }
        await using (var copy = await connection.BeginBinaryImportAsync("COPY alignet.sessions (\"Id\", \"StudyId\", \"ParticipantId\", \"Status\", \"Qc\", \"QcReasons\", \"StartedAt\") FROM STDIN (FORMAT BINARY)"))
        {
            for (var s = 0; s < sessions; s++) await copy.WriteRowAsync(default, sessionIds[s], studyId, participants[s], "Completed", s % 10 == 0 ? "Excluded" : "Valid", Array.Empty<string>(), DateTime.UtcNow.AddSeconds(s));
            await copy.CompleteAsync();
        }

        var trials = new List<(Guid Trial, Guid Session, int Index, Guid[] Shown)>(count);
        await using (var copy = await connection.BeginBinaryImportAsync("COPY alignet.trials (\"Id\", \"SessionId\", \"Index\", \"Block\", \"Kind\", \"Stimulus0Id\", \"Stimulus1Id\", \"Stimulus2Id\") FROM STDIN (FORMAT BINARY)"))
        {
            for (var n = 0; n < count; n++)
            {
                var (a, b, c) = DistinctTriple(random);
                var shown = new[] { stimulusIds[a], stimulusIds[b], stimulusIds[c] };
                var id = Guid.NewGuid();
                await copy.WriteRowAsync(default, id, sessionIds[n / TrialsPerSession], n % TrialsPerSession, n % TrialsPerSession / 20, "Main", shown[0], shown[1], shown[2]);
                trials.Add((id, sessionIds[n / TrialsPerSession], n % TrialsPerSession, shown));
            }
            await copy.CompleteAsync();
        }
        await using (var copy = await connection.BeginBinaryImportAsync("COPY alignet.responses (\"Id\", \"TrialId\", \"SessionId\", \"ChosenPosition\", \"ChosenStimulusId\", \"Input\", \"OnsetTimeMs\", \"OnsetMethod\", \"ResponseTimeMs\", \"RtMs\", \"FocusLost\", \"FullscreenExits\", \"ReceivedAt\") FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var t in trials)
            {
                var position = random.Next(3);
                var onset = 1000.0 + t.Index * 3500;
                var rt = 800 + random.NextDouble() * 4000;
                await copy.StartRowAsync();
                await copy.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid);
                await copy.WriteAsync(t.Trial, NpgsqlDbType.Uuid);
                await copy.WriteAsync(t.Session, NpgsqlDbType.Uuid);
                await copy.WriteAsync(position, NpgsqlDbType.Integer);
                await copy.WriteAsync(t.Shown[position], NpgsqlDbType.Uuid);
                await copy.WriteAsync("Keyboard", NpgsqlDbType.Varchar);
                await copy.WriteAsync(onset, NpgsqlDbType.Double);
                await copy.WriteAsync("ElementTiming", NpgsqlDbType.Varchar);
                await copy.WriteAsync(onset + rt, NpgsqlDbType.Double);
                await copy.WriteAsync(rt, NpgsqlDbType.Double);
                await copy.WriteAsync(false, NpgsqlDbType.Boolean);
                await copy.WriteAsync(0, NpgsqlDbType.Integer);
                await copy.WriteAsync(DateTime.UtcNow, NpgsqlDbType.TimestampTz);
            }
            await copy.CompleteAsync();
        }
        await ExecuteAsync(connection, "ANALYZE");
        Console.WriteLine($"Seeded {count} responses in {sessions} sessions in {clock.Elapsed.TotalSeconds:F1} s.");
    }

    private static (int, int, int) DistinctTriple(Random random)
    {
        while (true)
        {
            var (a, b, c) = (random.Next(Stimuli), random.Next(Stimuli), random.Next(Stimuli));
            if (a != b && a != c && b != c) return (a, b, c);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
