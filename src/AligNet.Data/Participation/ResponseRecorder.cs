using AligNet.Domain.Participation;
using Npgsql;
using NpgsqlTypes;

namespace AligNet.Data.Participation;

/// <summary>
/// Stores a response exactly once: the hot path of the participant API, one round trip in the common case.
/// A single statement checks the session's secret and state, that the trial is this session's, that the RT fits
/// the study's limits, and inserts with <c>ON CONFLICT DO NOTHING</c>; the primary key (the client's id) and
/// the unique trial index make a duplicate impossible even under concurrent retries. Only when nothing was
/// inserted does a second query tell a harmless retry from a conflict.
/// </summary>
public sealed class ResponseRecorder(NpgsqlDataSource dataSource, SessionCompleter completer)
{
    private const string InsertSql = """
        WITH s AS (
            SELECT se."Id", se."Status", se."TokenHash", se."TotalTrials", st."ResponseTimeLimitMs", st."MinimumValidRtMs"
            FROM alignet.sessions se JOIN alignet.studies st ON st."Id" = se."StudyId"
            WHERE se."Id" = @session
        ), t AS (
            SELECT "Id", "SessionId", "Kind", "Stimulus0Id", "Stimulus1Id", "Stimulus2Id" FROM alignet.trials WHERE "Id" = @trial
        ), ins AS (
            INSERT INTO alignet.responses ("Id", "TrialId", "SessionId", "ChosenPosition", "ChosenStimulusId", "Input",
                "OnsetTimeMs", "OnsetMethod", "ResponseTimeMs", "RtMs", "RefreshIntervalMs", "FocusLost", "FullscreenExits", "ReceivedAt")
            SELECT @id, t."Id", s."Id", @position,
                CASE @position WHEN 0 THEN t."Stimulus0Id" WHEN 1 THEN t."Stimulus1Id" WHEN 2 THEN t."Stimulus2Id" END,
                @input, @onset, @method, @response, @rt, @refresh, @focus, @exits, now()
            FROM s JOIN t ON t."SessionId" = s."Id"
            WHERE s."TokenHash" = @hash AND s."Status" = 'InProgress'
              AND (s."ResponseTimeLimitMs" = 0 OR @rt <= s."ResponseTimeLimitMs" + @slack)
              AND (@position IS NULL OR @rt >= s."MinimumValidRtMs")
            ON CONFLICT DO NOTHING
            RETURNING 1
        )
        SELECT s."Status", s."TokenHash" = @hash, s."ResponseTimeLimitMs", s."MinimumValidRtMs", t."SessionId", t."Kind",
            (SELECT count(*) FROM ins)::int,
            (SELECT count(*) FROM alignet.responses r WHERE r."SessionId" = @session)::int,
            s."TotalTrials"
        FROM s LEFT JOIN t ON true
        """;

    /// <summary>A timeout is posted a little after the limit; network and timer jitter must not turn it into an error.</summary>
    private const double LimitSlackMs = 2_000;

    public async Task<ResponseReceipt> RecordAsync(Guid sessionId, string? token, ResponseSubmission r, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(token)) throw SessionAccess.MissingToken();
        await using var command = dataSource.CreateCommand(InsertSql);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<Guid>("session", sessionId));
        p.Add(new NpgsqlParameter<Guid>("trial", r.TrialId));
        p.Add(new NpgsqlParameter<Guid>("id", r.Id));
        p.Add(new NpgsqlParameter("position", NpgsqlDbType.Integer) { Value = (object?)r.ChosenPosition ?? DBNull.Value });
        p.Add(new NpgsqlParameter<string>("input", r.Input.ToString()));
        p.Add(new NpgsqlParameter<double>("onset", r.OnsetTimeMs));
        p.Add(new NpgsqlParameter<string>("method", r.OnsetMethod.ToString()));
        p.Add(new NpgsqlParameter<double>("response", r.ResponseTimeMs));
        p.Add(new NpgsqlParameter<double>("rt", r.RtMs));
        p.Add(new NpgsqlParameter("refresh", NpgsqlDbType.Double) { Value = (object?)r.RefreshIntervalMs ?? DBNull.Value });
        p.Add(new NpgsqlParameter<bool>("focus", r.FocusLost));
        p.Add(new NpgsqlParameter<int>("exits", r.FullscreenExits));
        p.Add(new NpgsqlParameter<byte[]>("hash", SessionTokens.Hash(token)));
        p.Add(new NpgsqlParameter<double>("slack", LimitSlackMs));

        string status;
        bool tokenMatches, inserted;
        int limitMs, minimumRtMs, answered, total;
        Guid? trialSession;
        string? kind;
        // The reader is closed before any further query: a data-source command hands its connection back to the
        // pool when its reader closes, and closing it twice would disturb whoever holds that connection next.
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            if (!await reader.ReadAsync(ct)) throw SessionAccess.UnknownSession();
            status = reader.GetString(0);
            tokenMatches = reader.GetBoolean(1);
            limitMs = reader.GetInt32(2);
            minimumRtMs = reader.GetInt32(3);
            trialSession = reader.IsDBNull(4) ? null : reader.GetGuid(4);
            kind = reader.IsDBNull(5) ? null : reader.GetString(5);
            inserted = reader.GetInt32(6) == 1;
            answered = reader.GetInt32(7) + (inserted ? 1 : 0);
            total = reader.GetInt32(8);
        }

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
