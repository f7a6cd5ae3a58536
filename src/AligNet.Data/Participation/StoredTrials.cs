using AligNet.Domain.Designs;
using AligNet.Domain.Participation;
using Npgsql;

namespace AligNet.Data.Participation;

/// <summary>A session's trial as stored: its row id (what the browser answers to) and what was planned.</summary>
public sealed record StoredTrial(Guid Id, PlannedTrial Planned);

/// <summary>
/// The statements <see cref="TrialPlanner"/> sends about a session's trials, as batch commands so that each step of a
/// batch is one round trip: locking the session row and reading its trials, and inserting planned trials together
/// with the pair-coverage update (ADR-018; the path to a participant's first trial is round-trip bound).
/// </summary>
internal static class StoredTrials
{
    /// <summary>
    /// Locks the session row (<c>FOR NO KEY UPDATE</c>: one planner per session; stored answers do not wait for it),
    /// then reads the session's trials in index order. Two statements in one batch, so the read runs after the lock
    /// is granted and, under read committed, sees every trial a planner that held the lock before has committed.
    /// </summary>
    public static async Task<List<StoredTrial>> LockAndReadAsync(NpgsqlConnection connection, Guid sessionId, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                WithSession("SELECT 1 FROM alignet.sessions WHERE \"Id\" = @session FOR NO KEY UPDATE", sessionId),
                WithSession("""
                    SELECT "Id", "Index", "Block", "Kind", "Stimulus0Id", "Stimulus1Id", "Stimulus2Id", "ExpectedPosition", "RepeatOfIndex", "Condition",
                        "Arm", "TeacherVersionId"
                    FROM alignet.trials WHERE "SessionId" = @session ORDER BY "Index"
                    """, sessionId),
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.NextResultAsync(ct);
        var trials = new List<StoredTrial>();
        while (await reader.ReadAsync(ct))
        {
            trials.Add(new StoredTrial(reader.GetGuid(0), new PlannedTrial(
                reader.GetInt32(1), reader.GetInt32(2), Enum.Parse<TrialKind>(reader.GetString(3)),
                reader.GetGuid(4), reader.GetGuid(5), reader.GetGuid(6),
                reader.IsDBNull(7) ? null : reader.GetInt32(7), reader.IsDBNull(8) ? null : reader.GetInt32(8),
                reader.IsDBNull(9) ? null : reader.GetString(9),
                reader.IsDBNull(10) ? null : Enum.Parse<TrialArm>(reader.GetString(10)), reader.IsDBNull(11) ? null : reader.GetGuid(11))));
        }
        return trials;
    }

    /// <summary>One insert of all <paramref name="trials"/> of a session (arrays unnested), for a batch.</summary>
    public static NpgsqlBatchCommand Insert(Guid sessionId, IReadOnlyList<StoredTrial> trials)
    {
        var command = WithSession("""
            INSERT INTO alignet.trials ("Id", "SessionId", "Index", "Block", "Kind", "Stimulus0Id", "Stimulus1Id", "Stimulus2Id",
                "ExpectedPosition", "RepeatOfIndex", "Condition", "Arm", "TeacherVersionId")
            SELECT t.id, @session, t.idx, t.block, t.kind, t.s0, t.s1, t.s2, t.expected, t.repeat_of, t.condition, t.arm, t.teacher
            FROM unnest(@ids, @indices, @blocks, @kinds, @s0, @s1, @s2, @expected, @repeat_of, @conditions, @arms, @teachers)
                AS t(id, idx, block, kind, s0, s1, s2, expected, repeat_of, condition, arm, teacher)
            """, sessionId);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<Guid[]>("ids", [.. trials.Select(t => t.Id)]));
        p.Add(new NpgsqlParameter<int[]>("indices", [.. trials.Select(t => t.Planned.Index)]));
        p.Add(new NpgsqlParameter<int[]>("blocks", [.. trials.Select(t => t.Planned.Block)]));
        p.Add(new NpgsqlParameter<string[]>("kinds", [.. trials.Select(t => t.Planned.Kind.ToString())]));
        p.Add(new NpgsqlParameter<Guid[]>("s0", [.. trials.Select(t => t.Planned.Stimulus0)]));
        p.Add(new NpgsqlParameter<Guid[]>("s1", [.. trials.Select(t => t.Planned.Stimulus1)]));
        p.Add(new NpgsqlParameter<Guid[]>("s2", [.. trials.Select(t => t.Planned.Stimulus2)]));
        p.Add(new NpgsqlParameter<int?[]>("expected", [.. trials.Select(t => t.Planned.ExpectedPosition)]));
        p.Add(new NpgsqlParameter<int?[]>("repeat_of", [.. trials.Select(t => t.Planned.RepeatOfIndex)]));
        p.Add(new NpgsqlParameter<string?[]>("conditions", [.. trials.Select(t => t.Planned.Condition)]));
        p.Add(new NpgsqlParameter<string?[]>("arms", [.. trials.Select(t => t.Planned.Arm?.ToString())]));
        p.Add(new NpgsqlParameter<Guid?[]>("teachers", [.. trials.Select(t => t.Planned.TeacherVersionId)]));
        return command;
    }

    private static NpgsqlBatchCommand WithSession(string sql, Guid sessionId) =>
        new(sql) { Parameters = { new NpgsqlParameter<Guid>("session", sessionId) } };
}
