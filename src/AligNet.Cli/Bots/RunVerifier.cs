using Npgsql;

namespace AligNet.Cli.Bots;

/// <summary>
/// After a run, checks the database against what the bots were told: every acknowledged response must be stored
/// (else it is lost), no trial may hold two responses, and nothing may be stored that was never acknowledged.
/// </summary>
public static class RunVerifier
{
    public sealed record Verdict(long Acknowledged, long Stored, long Lost, long DuplicateTrials, long StoredUnacknowledged);

    public static async Task<Verdict> VerifyAsync(string connectionString, ClientStats stats, CancellationToken ct)
    {
        var acknowledged = stats.AcknowledgedIds.Distinct().ToArray();
        var sessions = stats.SessionIds.Distinct().ToArray();
        await using var data = NpgsqlDataSource.Create(connectionString);

        async Task<long> CountAsync(string sql)
        {
            await using var command = data.CreateCommand(sql);
            command.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", acknowledged));
            command.Parameters.Add(new NpgsqlParameter<Guid[]>("sessions", sessions));
            return (long)(await command.ExecuteScalarAsync(ct))!;
        }

        var stored = await CountAsync("""SELECT count(*) FROM alignet.responses WHERE "Id" = ANY(@ids)""");
        var duplicates = await CountAsync("""
            SELECT count(*) FROM (SELECT "TrialId" FROM alignet.responses WHERE "SessionId" = ANY(@sessions)
                                  GROUP BY "TrialId" HAVING count(*) > 1) d
            """);
        var inSessions = await CountAsync("""SELECT count(*) FROM alignet.responses WHERE "SessionId" = ANY(@sessions)""");
        return new Verdict(acknowledged.Length, stored, acknowledged.Length - stored, duplicates, inSessions - stored);
    }
}
