using AligNet.Domain.Designs;
using Npgsql;

namespace AligNet.Data.Participation;

/// <summary>
/// Pops an adaptive study's queue (<c>alignet.adaptive_queue</c>, ADR-021) inside a trial batch's transaction: the
/// highest-scored rows the person has not had, locked with <c>FOR UPDATE SKIP LOCKED</c> and deleted in the same
/// statement. A row another batch holds is skipped, never waited for, so instances and sessions never block each
/// other here and a triplet is served once; a batch that rolls back puts its rows back.
/// </summary>
internal static class AdaptiveQueueStore
{
    /// <summary>What a pop returned, and whether the queue is now below the refill threshold.</summary>
    public sealed record Popped(IReadOnlyList<QueuedTriplet> Triplets, bool Low);

    /// <summary>
    /// One round trip: pops up to <paramref name="count"/> triplets, best first, leaving out those whose three stimuli
    /// match a triplet the person already has (<paramref name="had"/>), then checks whether fewer than
    /// <paramref name="lowWater"/> rows are left (counting at most that many, so the check stays cheap).
    /// </summary>
    public static async Task<Popped> PopAsync(NpgsqlConnection connection, Guid studyId, int count, IEnumerable<PlannedTrial> had, int lowWater, CancellationToken ct)
    {
        var triplets = had.Select(t => (t.Stimulus0, t.Stimulus1, t.Stimulus2)).ToList();
        // <@ both ways is set equality; three distinct ids on each side make one direction enough.
        var pop = new NpgsqlBatchCommand("""
            DELETE FROM alignet.adaptive_queue WHERE "Id" IN (
                SELECT q."Id" FROM alignet.adaptive_queue q
                WHERE q."StudyId" = @study
                  AND NOT EXISTS (SELECT 1 FROM unnest(@a, @b, @c) AS h(a, b, c)
                                  WHERE ARRAY[q."StimulusA", q."StimulusB", q."StimulusC"] <@ ARRAY[h.a, h.b, h.c])
                ORDER BY q."Score" DESC
                LIMIT @count
                FOR UPDATE SKIP LOCKED)
            RETURNING "StimulusA", "StimulusB", "StimulusC", "Score", "TeacherVersionId"
            """)
        {
            Parameters =
            {
                new NpgsqlParameter<Guid>("study", studyId),
                new NpgsqlParameter<Guid[]>("a", [.. triplets.Select(t => t.Item1)]),
                new NpgsqlParameter<Guid[]>("b", [.. triplets.Select(t => t.Item2)]),
                new NpgsqlParameter<Guid[]>("c", [.. triplets.Select(t => t.Item3)]),
                new NpgsqlParameter<int>("count", count),
            },
        };
        var depth = new NpgsqlBatchCommand("""SELECT count(*)::int FROM (SELECT 1 FROM alignet.adaptive_queue WHERE "StudyId" = @study LIMIT @low) q""")
        {
            Parameters = { new NpgsqlParameter<Guid>("study", studyId), new NpgsqlParameter<int>("low", lowWater) },
        };
        await using var batch = new NpgsqlBatch(connection) { BatchCommands = { pop, depth } };
        await using var reader = await batch.ExecuteReaderAsync(ct);
        var popped = new List<QueuedTriplet>();
        while (await reader.ReadAsync(ct))
            popped.Add(new QueuedTriplet(reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetDouble(3), reader.GetGuid(4)));
        await reader.NextResultAsync(ct);
        await reader.ReadAsync(ct);
        var left = reader.GetInt32(0);
        // RETURNING gives no order: best first, as the queue meant them.
        return new Popped([.. popped.OrderByDescending(p => p.Score)], left < lowWater);
    }
}
