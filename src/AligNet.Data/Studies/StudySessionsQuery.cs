using AligNet.Data.Participation;
using AligNet.Domain.Designs;
using AligNet.Domain.Participation;
using AligNet.Domain.Quality;
using AligNet.Domain.Studies;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Data.Studies;

/// <summary>
/// What the study page shows about its sessions: one aggregate query for every session's progress and figures, and
/// one query for the trials of the sessions still running, whose QC is computed live.
/// </summary>
public sealed class StudySessionsQuery(AligNetDbContext db)
{
    /// <summary>One session as researchers see it; <see cref="Qc"/> is live for a running session.</summary>
    public sealed record SessionRow(
        Guid Id, string Participant, SessionStatus Status, SessionOutcome? Outcome, DateTimeOffset StartedAt,
        int Answered, int Total, double? MedianRtMs, int CatchAnswered, int CatchCorrect,
        QcStatus Qc, IReadOnlyList<string> QcReasons, bool QcLive)
    {
        public double? CatchAccuracy => CatchAnswered == 0 ? null : (double)CatchCorrect / CatchAnswered;
    }

    public sealed record Summary(IReadOnlyList<SessionRow> Sessions, long Responses)
    {
        public int InProgress => Sessions.Count(s => s.Status == SessionStatus.InProgress);
        public int Completed => Sessions.Count(s => s.Status == SessionStatus.Completed);
        public int Abandoned => Sessions.Count(s => s.Status == SessionStatus.Abandoned);
        public int WithQc(QcStatus status) => Sessions.Count(s => s.Qc == status);
    }

    // Columns of the aggregate query; enums arrive as their stored names.
    private sealed class Aggregate
    {
        public Guid Id { get; set; }
        public string Participant { get; set; } = "";
        public string Status { get; set; } = "";
        public string? Outcome { get; set; }
        public DateTimeOffset StartedAt { get; set; }
        public string Qc { get; set; } = "";
        public string[] QcReasons { get; set; } = [];
        public int Trials { get; set; }
        public int Answered { get; set; }
        public double? MedianRtMs { get; set; }
        public int CatchAnswered { get; set; }
        public int CatchCorrect { get; set; }
    }

    public async Task<Summary> LoadAsync(Study study, CancellationToken ct = default)
    {
        var rows = await db.Database.SqlQuery<Aggregate>($"""
            SELECT s."Id", p."ExternalId" AS "Participant", s."Status", s."Outcome", s."StartedAt", s."Qc", s."QcReasons",
                   s."TotalTrials" AS "Trials",
                   count(r."Id")::int AS "Answered",
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY r."RtMs") FILTER (WHERE r."ChosenPosition" IS NOT NULL AND t."Kind" <> 'Practice') AS "MedianRtMs",
                   count(r."Id") FILTER (WHERE t."Kind" = 'Catch')::int AS "CatchAnswered",
                   count(r."Id") FILTER (WHERE t."Kind" = 'Catch' AND r."ChosenPosition" = t."ExpectedPosition")::int AS "CatchCorrect"
            FROM alignet.sessions s
            JOIN alignet.participants p ON p."Id" = s."ParticipantId"
            LEFT JOIN alignet.trials t ON t."SessionId" = s."Id"
            LEFT JOIN alignet.responses r ON r."TrialId" = t."Id"
            WHERE s."StudyId" = {study.Id}
            GROUP BY s."Id", p."ExternalId"
            ORDER BY s."StartedAt" DESC
            """).ToListAsync(ct);
        var live = await LiveQcAsync(study, ct);
        var sessions = rows.Select(a =>
        {
            var status = Enum.Parse<SessionStatus>(a.Status);
            var qc = Enum.Parse<QcStatus>(a.Qc);
            IReadOnlyList<string> reasons = a.QcReasons;
            var isLive = status == SessionStatus.InProgress;
            if (isLive && live.TryGetValue(a.Id, out var verdict))
            {
                qc = verdict.Status;
                reasons = verdict.Reasons;
            }
            return new SessionRow(a.Id, a.Participant, status, a.Outcome is null ? null : Enum.Parse<SessionOutcome>(a.Outcome),
                a.StartedAt, a.Answered, a.Trials > 0 ? a.Trials : study.TotalTrials, a.MedianRtMs, a.CatchAnswered, a.CatchCorrect,
                qc, reasons, isLive);
        }).ToList();
        return new Summary(sessions, rows.Sum(r => (long)r.Answered));
    }

    /// <summary>Live verdicts of the running sessions, from one trial query.</summary>
    private async Task<Dictionary<Guid, QcReport>> LiveQcAsync(Study study, CancellationToken ct)
    {
        var trials = await db.Trials.AsNoTracking()
            .Where(t => t.Session!.StudyId == study.Id && t.Session.Status == SessionStatus.InProgress)
            .Select(QcTrials.WithSession)
            .ToListAsync(ct);
        // Catch trials not planned yet count as still to come, as in the live stop (SessionCompleter).
        var sessions = await db.Sessions.AsNoTracking().Where(s => s.StudyId == study.Id && s.Status == SessionStatus.InProgress)
            .Select(s => new { s.Id, s.TotalTrials, s.FixedListNumber }).ToDictionaryAsync(s => s.Id, ct);
        var listCatch = await db.FixedTrials.Where(f => f.StudyId == study.Id && f.IsCatch).GroupBy(f => f.ListNumber)
            .Select(g => new { List = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.List, g => g.Count, ct);
        return trials.GroupBy(t => t.SessionId).ToDictionary(g => g.Key, g =>
        {
            var planned = g.Select(x => x.Trial).OrderBy(x => x.Index).ToList();
            var session = sessions.GetValueOrDefault(g.Key);
            var catchTotal = session?.FixedListNumber is { } list ? listCatch.GetValueOrDefault(list) : SessionLayout.CatchCount(study);
            IEnumerable<QcTrial> unplanned = session is null ? [] : QcTrials.UnplannedCatch(catchTotal, planned, session.TotalTrials);
            return QcEvaluator.Evaluate(study.Qc, [.. planned, .. unplanned], final: false);
        });
    }
}
