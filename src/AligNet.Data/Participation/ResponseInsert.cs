using Npgsql;
using NpgsqlTypes;

namespace AligNet.Data.Participation;

/// <summary>
/// One answer's insert statement (see <see cref="ResponseRecorder"/>): checks the session's secret and state, that the
/// trial is this session's and the RT fits the study's limits, inserts with <c>ON CONFLICT DO NOTHING</c>, and
/// returns what the recorder needs to tell a stored answer from a retry or a refusal.
/// </summary>
public sealed record ResponseInsert(Guid SessionId, byte[] TokenHash, ResponseSubmission Submission, double LimitSlackMs)
{
    /// <summary>The statement's one row; <see cref="AnsweredBefore"/> does not count this answer.</summary>
    public sealed record Outcome(string Status, bool TokenMatches, int LimitMs, int MinimumRtMs, Guid? TrialSession,
        string? Kind, bool Inserted, int AnsweredBefore, int Total);

    private const string Sql = """
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

    public NpgsqlBatchCommand ToCommand()
    {
        var r = Submission;
        var command = new NpgsqlBatchCommand(Sql);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<Guid>("session", SessionId));
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
        p.Add(new NpgsqlParameter<byte[]>("hash", TokenHash));
        p.Add(new NpgsqlParameter<double>("slack", LimitSlackMs));
        return command;
    }

    public static Outcome Read(NpgsqlDataReader reader) => new(
        reader.GetString(0), reader.GetBoolean(1), reader.GetInt32(2), reader.GetInt32(3),
        reader.IsDBNull(4) ? null : reader.GetGuid(4), reader.IsDBNull(5) ? null : reader.GetString(5),
        reader.GetInt32(6) == 1, reader.GetInt32(7), reader.GetInt32(8));
}
