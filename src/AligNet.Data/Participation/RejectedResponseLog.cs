using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace AligNet.Data.Participation;

/// <summary>
/// Keeps every answer the API refuses for good in <c>alignet.rejected_responses</c> with the status and the sentence
/// the participant saw, so that an answer dropped from a browser's outbox (it would block every later answer there)
/// still leaves a trace a researcher can read. Best effort: when the database itself is the problem, the log says so.
/// </summary>
public sealed class RejectedResponseLog(NpgsqlDataSource dataSource, ILogger<RejectedResponseLog> logger)
{
    private const int MaxReason = 1000;
    private const int MaxPayload = 8192;

    public async Task RecordAsync(Guid sessionId, Guid? responseId, Guid? trialId, int status, string reason, string? payload, CancellationToken ct = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("""
                INSERT INTO alignet.rejected_responses ("SessionId", "ResponseId", "TrialId", "Status", "Reason", "Payload", "ReceivedAt")
                VALUES (@session, @response, @trial, @status, @reason, @payload, now())
                """);
            var p = command.Parameters;
            p.Add(new NpgsqlParameter<Guid>("session", sessionId));
            p.Add(new NpgsqlParameter("response", NpgsqlDbType.Uuid) { Value = (object?)responseId ?? DBNull.Value });
            p.Add(new NpgsqlParameter("trial", NpgsqlDbType.Uuid) { Value = (object?)trialId ?? DBNull.Value });
            p.Add(new NpgsqlParameter<int>("status", status));
            p.Add(new NpgsqlParameter<string>("reason", reason.Length > MaxReason ? reason[..MaxReason] : reason));
            p.Add(new NpgsqlParameter("payload", NpgsqlDbType.Varchar) { Value = payload is null ? DBNull.Value : payload.Length > MaxPayload ? payload[..MaxPayload] : payload });
            await command.ExecuteNonQueryAsync(ct);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            logger.LogWarning(e, "Refused answer {ResponseId} of session {SessionId} ({Status}: {Reason}) could not be recorded", responseId, sessionId, status, reason);
        }
    }
}
