using AligNet.Domain.Participation;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Data.Exports;

/// <summary>
/// Streams export rows from PostgreSQL in trial order without loading them all: EF's async enumeration reads
/// one row at a time from the open result set, so memory stays flat for a million rows.
/// </summary>
public static class ResponseExportQuery
{
    public static IAsyncEnumerable<ResponseExportRow> Stream(AligNetDbContext db, ExportFilter filter)
    {
        var responses = db.Responses.AsNoTracking();
        var allowed = filter.StudyIds?.ToArray();
        var query =
            from r in responses
            join t in db.Trials on r.TrialId equals t.Id
            join s in db.Sessions on t.SessionId equals s.Id
            where filter.StudyId == null || s.StudyId == filter.StudyId
            where allowed == null || allowed.Contains(s.StudyId)
            where filter.IncludeExcluded || s.Qc != QcStatus.Excluded
            orderby s.StudyId, s.StartedAt, s.Id, t.Index
            select new ResponseExportRow(
                s.StudyId, s.Study!.Name, s.Id, s.Participant!.ExternalId, s.Participant.Source.ToString(), s.Qc.ToString(),
                t.Index, t.Block, t.Kind.ToString(),
                t.Stimulus0Id, t.Stimulus1Id, t.Stimulus2Id,
                t.Stimulus0!.Index, t.Stimulus1!.Index, t.Stimulus2!.Index,
                r.ChosenPosition, r.ChosenStimulusId, r.RtMs, r.OnsetTimeMs, r.ResponseTimeMs, r.Input.ToString(),
                r.FocusLost, r.FullscreenExits, r.ReceivedAt, r.OnsetMethod.ToString(),
                t.Arm == null ? null : t.Arm.ToString(), t.TeacherVersionId);
        return query.AsAsyncEnumerable();
    }
}
