using AligNet.Data.Access;
using AligNet.Domain.Models;
using AligNet.Domain.Participation;
using AligNet.Domain.Runs;
using AligNet.Domain.Studies;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Data.Dashboards;

/// <summary>
/// What the staff home page shows: what needs attention now. Every figure is an aggregate the database computes over
/// indexed columns (responses by "ReceivedAt", sessions by "StudyId"/"CompletedAt", runs by state); no page loads rows
/// to count them. Studies, sets and their runs are limited to what the caller may see (<see cref="StaffAccess"/>).
/// </summary>
public sealed class AttentionQuery(AligNetDbContext db, StaffAccess access, DateTimeOffset now)
{
    /// <summary>QC alerts and failed runs look back this far.</summary>
    public static readonly TimeSpan Recent = TimeSpan.FromDays(7);

    public sealed record OpenStudy(Guid Id, string Name, int SessionsToday, int CompletedToday, int ResponsesToday);
    public sealed record HourCount(Guid StudyId, DateTime Hour, int Responses);
    public sealed record QcAlert(Guid StudyId, string Study, Guid SessionId, QcStatus Qc, string[] QcReasons, DateTimeOffset? CompletedAt);
    public sealed record ReasonCount(string Reason, int Sessions);
    public sealed record RunRow(Guid Id, RunKind Kind, RunState State, string? Set, DateTimeOffset CreatedAt, string? Progress, string? Outcome);
    public sealed record TeacherPair(Guid SetId, string Set, ModelVersion Active, ModelVersion? Previous);

    /// <summary>Midnight UTC of today: "today" is the UTC day, the same for every researcher.</summary>
    public DateTimeOffset Today => new(now.UtcDateTime.Date, TimeSpan.Zero);

    public Task<List<OpenStudy>> OpenStudiesAsync(CancellationToken ct = default)
    {
        var today = Today;
        return access.Studies().Where(s => s.State == StudyState.Open).OrderBy(s => s.Name)
            .Select(s => new OpenStudy(s.Id, s.Name,
                db.Sessions.Count(x => x.StudyId == s.Id && x.StartedAt >= today),
                db.Sessions.Count(x => x.StudyId == s.Id && x.CompletedAt >= today),
                db.Responses.Count(r => r.ReceivedAt >= today && db.Sessions.Any(x => x.Id == r.SessionId && x.StudyId == s.Id))))
            .ToListAsync(ct);
    }

    /// <summary>Responses per hour over the last 24 hours, per study in <paramref name="studies"/>.</summary>
    public Task<List<HourCount>> ResponsesPerHourAsync(Guid[] studies, CancellationToken ct = default)
    {
        var since = now.AddHours(-24);
        return db.Database.SqlQuery<HourCount>($"""
            SELECT s."StudyId", date_trunc('hour', r."ReceivedAt" AT TIME ZONE 'UTC') AS "Hour", count(*)::int AS "Responses"
            FROM alignet.responses r JOIN alignet.sessions s ON s."Id" = r."SessionId"
            WHERE r."ReceivedAt" >= {since} AND s."StudyId" = ANY({studies})
            GROUP BY 1, 2 ORDER BY 2
            """).ToListAsync(ct);
    }

    /// <summary>Sessions flagged or excluded by QC in the last <see cref="Recent"/>, newest first.</summary>
    public Task<List<QcAlert>> QcAlertsAsync(int count, CancellationToken ct = default)
    {
        var since = now - Recent;
        var studies = access.Studies();
        return SeenSessions(since)
            .OrderByDescending(s => s.CompletedAt).Take(count)
            .Select(s => new QcAlert(s.StudyId, studies.Where(st => st.Id == s.StudyId).Select(st => st.Name).First(), s.Id, s.Qc, s.QcReasons, s.CompletedAt))
            .ToListAsync(ct);
    }

    /// <summary>How often each QC reason fired in the last <see cref="Recent"/> (a session may give several).</summary>
    public async Task<List<ReasonCount>> QcReasonsAsync(CancellationToken ct = default)
    {
        var since = now - Recent;
        var ids = await SeenSessions(since).Select(s => s.Id).ToArrayAsync(ct);
        return await QcReasonCounts.ForSessionsAsync(db, ids, ct);
    }

    private IQueryable<ParticipantSession> SeenSessions(DateTimeOffset since)
    {
        var studies = access.Studies();
        return db.Sessions.AsNoTracking()
            .Where(s => s.CompletedAt >= since && (s.Qc == QcStatus.Flagged || s.Qc == QcStatus.Excluded))
            .Where(s => studies.Any(st => st.Id == s.StudyId));
    }

    /// <summary>Runs queued or running, and runs that failed in the last <see cref="Recent"/>; pipeline steps included.</summary>
    public async Task<List<RunRow>> RunsNeedingAttentionAsync(CancellationToken ct = default)
    {
        var since = now - Recent;
        var sets = access.StimulusSets();
        return await db.Runs.AsNoTracking()
            .Where(r => r.State == RunState.Queued || r.State == RunState.Running || (r.State == RunState.Failed && r.CreatedAt >= since))
            .Where(r => r.StimulusSetId == null || sets.Any(s => s.Id == r.StimulusSetId))
            .OrderByDescending(r => r.CreatedAt).Take(50)
            .Select(r => new RunRow(r.Id, r.Kind, r.State, sets.Where(s => s.Id == r.StimulusSetId).Select(s => s.Name).FirstOrDefault(),
                r.CreatedAt, r.Progress, r.Outcome))
            .ToListAsync(ct);
    }

    /// <summary>Per set the caller may see: the active teacher and the version trained before it (if any).</summary>
    public async Task<List<TeacherPair>> ActiveTeachersAsync(CancellationToken ct = default)
    {
        var sets = access.StimulusSets();
        var active = await db.ModelVersions.AsNoTracking().Where(m => m.Kind == ModelKind.Teacher && m.IsActive)
            .Join(sets, m => m.StimulusSetId, s => s.Id, (m, s) => new { m, s.Name })
            .Select(x => new
            {
                x.m, x.Name,
                Previous = db.ModelVersions.Where(p => p.StimulusSetId == x.m.StimulusSetId && p.Kind == ModelKind.Teacher && p.CreatedAt < x.m.CreatedAt)
                    .OrderByDescending(p => p.CreatedAt).FirstOrDefault(),
            })
            .OrderBy(x => x.Name).ToListAsync(ct);
        return [.. active.Select(x => new TeacherPair(x.m.StimulusSetId, x.Name, x.m, x.Previous))];
    }
}
