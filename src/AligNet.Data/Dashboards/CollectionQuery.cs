using Microsoft.EntityFrameworkCore;

namespace AligNet.Data.Dashboards;

/// <summary>
/// The collection dashboard of one study: every figure one GROUP BY in PostgreSQL over the study's sessions, trials
/// and responses (joined on their keys; see the Issue16Dashboards indexes), so the page receives aggregates, never rows.
/// The caller has checked that the study may be seen (<see cref="Access.StaffAccess"/>).
/// Scored responses are answered ones of main trials and repeat probes in sessions that QC did not exclude, the same
/// responses a teacher trains on. Figures over all of a study's responses read the dashboard aggregates plus the tail
/// since their watermark (CollectionQuery.Aggregates.cs, ADR-024).
/// </summary>
public sealed partial class CollectionQuery(AligNetDbContext db, Guid studyId)
{
    /// <summary>RT histograms: bins of this width; slower answers fall in the last bin.</summary>
    public const int RtBinMs = 250, RtBins = 40;

    public sealed record SessionsBucket(DateTime Bucket, int Started, int Completed, int Excluded);
    public sealed record CountBucket(DateTime Bucket, int Count);
    public sealed record RtBin(string Level, int Bin, int Count);
    public sealed record Bin(int Value, int Count);
    public sealed record Ceiling(double? NoiseCeiling, int RepeatedTriplets, int Triplets);
    public sealed record ConsistencyBin(int Value, int Sessions, int Probes, int Same);
    public sealed record TeacherCount(Guid TeacherVersionId, int Count);

    /// <summary>Only these bucket sizes reach SQL (date_trunc's field), whatever the query string says.</summary>
    public static string Bucket(string? requested) => requested == "hour" ? "hour" : "day";

    public Task<List<SessionsBucket>> SessionsOverTimeAsync(string bucket, CancellationToken ct = default) =>
        db.Database.SqlQuery<SessionsBucket>($"""
            SELECT b AS "Bucket", sum(started)::int AS "Started", sum(completed)::int AS "Completed", sum(excluded)::int AS "Excluded"
            FROM (
                SELECT date_trunc({bucket}, s."StartedAt" AT TIME ZONE 'UTC') AS b, 1 AS started, 0 AS completed, 0 AS excluded
                FROM alignet.sessions s WHERE s."StudyId" = {studyId}
                UNION ALL
                SELECT date_trunc({bucket}, s."CompletedAt" AT TIME ZONE 'UTC'), 0, 1, CASE WHEN s."Qc" = 'Excluded' THEN 1 ELSE 0 END
                FROM alignet.sessions s WHERE s."StudyId" = {studyId} AND s."CompletedAt" IS NOT NULL
            ) AS events
            GROUP BY b ORDER BY b
            """).ToListAsync(ct);

    public Task<List<AttentionQuery.ReasonCount>> QcReasonsAsync(CancellationToken ct = default) => QcReasonCounts.ForStudyAsync(db, studyId, ct);

    /// <summary>Participants answering now: running sessions with a response in the last <paramref name="window"/>.</summary>
    public Task<int> ActiveNowAsync(DateTimeOffset now, TimeSpan window, CancellationToken ct = default)
    {
        var since = now - window;
        return db.Sessions.CountAsync(s => s.StudyId == studyId && s.Status == Domain.Participation.SessionStatus.InProgress
            && db.Responses.Any(r => r.SessionId == s.Id && r.ReceivedAt >= since), ct);
    }
}
