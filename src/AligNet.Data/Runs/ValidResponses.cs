using AligNet.Domain.Participation;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Data.Runs;

/// <summary>The responses a teacher would learn from: answered, in sessions of the set's studies that QC did not exclude.</summary>
public static class ValidResponses
{
    public static Task<int> CountAsync(AligNetDbContext db, Guid setId, CancellationToken ct = default) =>
        db.Responses.Where(r => r.ChosenStimulusId != null)
            .Join(db.Trials.Where(t => t.Kind != TrialKind.Practice), r => r.TrialId, t => t.Id, (r, t) => t.SessionId)
            .Join(db.Sessions.Where(s => s.Qc != QcStatus.Excluded), id => id, s => s.Id, (_, s) => s.StudyId)
            .Join(db.Studies.Where(st => st.StimulusSetId == setId), id => id, st => st.Id, (_, st) => st.Id)
            .CountAsync(ct);
}
