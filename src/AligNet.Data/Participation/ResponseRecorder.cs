using AligNet.Domain.Participation;
using Npgsql;

namespace AligNet.Data.Participation;

/// <summary>
/// Stores a response exactly once: the hot path of the participant API, one statement in the common case, sent
/// through <see cref="ResponseWriteQueue"/> (group commit with other answers arriving at the same time).
/// A single statement (<see cref="ResponseInsert"/>) checks the session's secret and state, that the trial is this
/// session's, that the RT fits the study's limits, and inserts with <c>ON CONFLICT DO NOTHING</c>; the primary key
/// (the client's id) and the unique trial index make a duplicate impossible even under concurrent retries. Only when
/// nothing was inserted does a second query tell a harmless retry from a conflict.
/// </summary>
public sealed class ResponseRecorder(NpgsqlDataSource dataSource, ResponseWriteQueue writes, SessionCompleter completer)
{
    /// <summary>A timeout is posted a little after the limit; network and timer jitter must not turn it into an error.</summary>
    private const double LimitSlackMs = 2_000;

    public async Task<ResponseReceipt> RecordAsync(Guid sessionId, string? token, ResponseSubmission r, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(token)) throw SessionAccess.MissingToken();
        var outcome = await writes.InsertAsync(new ResponseInsert(sessionId, SessionTokens.Hash(token), r, LimitSlackMs))
            ?? throw SessionAccess.UnknownSession();
        var (status, tokenMatches, limitMs, minimumRtMs, trialSession, kind, inserted, answeredBefore, total) = outcome;
        var answered = answeredBefore + (inserted ? 1 : 0);

        if (!tokenMatches) throw SessionAccess.WrongToken();
        if (trialSession is null) throw new ParticipationException(ParticipationError.NotFound, $"There is no trial {r.TrialId}. Answer only trials fetched for this session.");
        if (trialSession != sessionId) throw new ParticipationException(ParticipationError.Forbidden, "This trial belongs to another session. Answer only trials fetched for this session.");

        if (inserted)
        {
            // Only a timeout or a catch trial can make a session fail its checks for good: judge live only then.
            var ended = (r.ChosenPosition is null || kind == nameof(TrialKind.Catch))
                && await completer.EndIfFailingAsync(sessionId, ct);
            return new ResponseReceipt(r.Id, false, answered, total, ended);
        }

        var stored = await StoredUnderIdAsync(r.Id, ct);
        if (status != nameof(SessionStatus.InProgress))
        {
            // A retry of an answer stored before the session ended is still acknowledged as such.
            if (stored == StoredAnswer.Same(r)) return new ResponseReceipt(r.Id, true, answered, total, true);
            throw new ParticipationException(ParticipationError.Conflict, "This session has ended; no more answers are taken.");
        }
        if (limitMs > 0 && r.RtMs > limitMs + LimitSlackMs)
        {
            throw new ParticipationException(ParticipationError.Invalid, $"An RT of {r.RtMs:0} ms exceeds this study's time limit of {limitMs} ms; send a timeout instead.");
        }
        if (r.ChosenPosition is not null && r.RtMs < minimumRtMs)
        {
            throw new ParticipationException(ParticipationError.Invalid, $"An RT of {r.RtMs:0} ms is below this study's minimum of {minimumRtMs} ms; inputs before it are ignored, not sent.");
        }
        if (stored == StoredAnswer.Same(r)) return new ResponseReceipt(r.Id, true, answered, total, false);
        throw new ParticipationException(ParticipationError.Conflict, stored is not null
            ? $"Response id {r.Id} was already used for a different answer. Generate a new id for each answer and reuse it only to retry that answer."
            : "This trial already has a stored answer; each trial is answered once.");
    }

    /// <summary>What a stored response says, to tell a harmless retry (the same answer) from a reused id.</summary>
    private sealed record StoredAnswer(Guid TrialId, int? ChosenPosition, string Input, double OnsetTimeMs, double ResponseTimeMs)
    {
        public static StoredAnswer Same(ResponseSubmission r) => new(r.TrialId, r.ChosenPosition, r.Input.ToString(), r.OnsetTimeMs, r.ResponseTimeMs);
    }

    private async Task<StoredAnswer?> StoredUnderIdAsync(Guid id, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT "TrialId", "ChosenPosition", "Input", "OnsetTimeMs", "ResponseTimeMs" FROM alignet.responses WHERE "Id" = @id
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? new StoredAnswer(reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetInt32(1), reader.GetString(2), reader.GetDouble(3), reader.GetDouble(4))
            : null;
    }
}
