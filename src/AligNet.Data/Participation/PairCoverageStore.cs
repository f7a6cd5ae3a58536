using AligNet.Domain.Designs;
using Npgsql;

namespace AligNet.Data.Participation;

/// <summary>
/// The study's pair coverage in PostgreSQL (<c>alignet.pair_coverage</c>): read for the pairs a batch's candidates
/// use, and incremented by the main trials it planned, inside the planning transaction. Increments go in pair order
/// in one statement, so two batches that touch the same pairs wait for each other instead of deadlocking.
/// </summary>
internal static class PairCoverageStore
{
    public static async Task<PairCoverage> ReadAsync(NpgsqlConnection connection, Guid studyId, IReadOnlyCollection<(Guid A, Guid B)> pairs, CancellationToken ct)
    {
        var coverage = new PairCoverage();
        if (pairs.Count == 0) return coverage;
        var (lows, highs) = Ordered(pairs, distinct: true); // a pair listed twice would be counted twice
        await using var command = new NpgsqlCommand("""
            SELECT c."Low", c."High", c."Count" FROM alignet.pair_coverage c
            JOIN unnest(@lows, @highs) AS p(low, high) ON c."Low" = p.low AND c."High" = p.high
            WHERE c."StudyId" = @study
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<Guid>("study", studyId));
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("lows", lows));
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("highs", highs));
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) coverage.Add(reader.GetGuid(0), reader.GetGuid(1), reader.GetInt32(2));
        return coverage;
    }

    /// <summary>Adds one showing of each pair of every main trial.</summary>
    public static async Task RecordAsync(NpgsqlConnection connection, Guid studyId, IEnumerable<PlannedTrial> trials, CancellationToken ct)
    {
        var pairs = trials.Where(t => t.Kind == Domain.Participation.TrialKind.Main)
            .SelectMany(t => new[] { (t.Stimulus0, t.Stimulus1), (t.Stimulus0, t.Stimulus2), (t.Stimulus1, t.Stimulus2) })
            .ToList();
        if (pairs.Count == 0) return;
        var (lows, highs) = Ordered(pairs, distinct: false);
        await using var command = new NpgsqlCommand("""
            INSERT INTO alignet.pair_coverage ("StudyId", "Low", "High", "Count")
            SELECT @study, low, high, count(*)::int FROM unnest(@lows, @highs) AS p(low, high)
            GROUP BY low, high ORDER BY low, high
            ON CONFLICT ("StudyId", "Low", "High") DO UPDATE SET "Count" = pair_coverage."Count" + excluded."Count"
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<Guid>("study", studyId));
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("lows", lows));
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("highs", highs));
        await command.ExecuteNonQueryAsync(ct);
    }

    private static (Guid[] Lows, Guid[] Highs) Ordered(IEnumerable<(Guid A, Guid B)> pairs, bool distinct)
    {
        var ordered = pairs.Select(p => p.A.CompareTo(p.B) <= 0 ? p : (p.B, p.A));
        if (distinct) ordered = ordered.Distinct();
        var list = ordered.ToList();
        return ([.. list.Select(p => p.Item1)], [.. list.Select(p => p.Item2)]);
    }
}
