using AligNet.Domain.Stimuli;
using AligNet.Domain.Studies;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Data.Access;

/// <summary>
/// The one place that decides which studies, stimulus sets, images and exports a staff member may see and change
/// (ADR-011). Pages, the export API and the image endpoint all ask here; none checks ownership on its own.
/// Admins may do everything. A researcher sees the studies they are a member of (owner, editor or viewer), and the
/// stimulus sets that are shared, that they imported, or that a study they see uses.
/// </summary>
public sealed class StaffAccess(AligNetDbContext db, StaffCaller caller)
{
    public StaffCaller Caller => caller;

    /// <summary>The studies the caller may see; compose further queries on it.</summary>
    public IQueryable<Study> Studies()
    {
        var studies = db.Studies.AsNoTracking();
        if (caller.IsAdmin) return studies;
        return studies.Where(s => db.StudyMembers.Any(m => m.StudyId == s.Id && m.UserId == caller.UserId));
    }

    /// <summary>
    /// The caller's role on a study: <see cref="StudyRole.Owner"/> for admins; null when the study does not exist or the
    /// caller may not see it (the two are deliberately indistinguishable to the caller).
    /// </summary>
    public async Task<StudyRole?> RoleOnStudyAsync(Guid studyId, CancellationToken ct = default)
    {
        if (caller.IsAdmin) return await db.Studies.AnyAsync(s => s.Id == studyId, ct) ? StudyRole.Owner : null;
        var role = await db.StudyMembers.AsNoTracking().Where(m => m.StudyId == studyId && m.UserId == caller.UserId)
            .Select(m => (StudyRole?)m.Role).FirstOrDefaultAsync(ct);
        return role;
    }

    /// <summary>True when the caller holds at least <paramref name="needed"/> on the study.</summary>
    public async Task<bool> MayAsync(Guid studyId, StudyRole needed, CancellationToken ct = default) =>
        await RoleOnStudyAsync(studyId, ct) is { } role && role >= needed;

    /// <summary>The stimulus sets the caller may see and use in studies.</summary>
    public IQueryable<StimulusSet> StimulusSets()
    {
        var sets = db.StimulusSets.AsNoTracking();
        if (caller.IsAdmin) return sets;
        var userId = caller.UserId;
        return sets.Where(set => set.IsShared || set.OwnerId == userId
            || db.Studies.Any(s => s.StimulusSetId == set.Id && db.StudyMembers.Any(m => m.StudyId == s.Id && m.UserId == userId)));
    }

    public Task<bool> MaySeeStimulusSetAsync(Guid setId, CancellationToken ct = default) =>
        StimulusSets().AnyAsync(s => s.Id == setId, ct);

    /// <summary>Admins and the researcher who imported a set may share it with everyone (or stop sharing it).</summary>
    public Task<bool> MayShareStimulusSetAsync(Guid setId, CancellationToken ct = default) =>
        caller.IsAdmin ? db.StimulusSets.AnyAsync(s => s.Id == setId, ct) : db.StimulusSets.AnyAsync(s => s.Id == setId && s.OwnerId == caller.UserId, ct);

    /// <summary>The studies an export without <c>study=</c> may hold: null means every study (admins).</summary>
    public async Task<IReadOnlyCollection<Guid>?> ExportableStudiesAsync(CancellationToken ct = default) =>
        caller.IsAdmin ? null : await Studies().Select(s => s.Id).ToListAsync(ct);

    /// <summary>
    /// Stimulus images are public while a study that uses their set is open (participants have no account);
    /// otherwise only staff who may see the set get them.
    /// </summary>
    public static Task<bool> IsPublicStimulusSetAsync(AligNetDbContext db, Guid setId, CancellationToken ct = default) =>
        db.Studies.AnyAsync(s => s.StimulusSetId == setId && s.State == StudyState.Open, ct);
}
