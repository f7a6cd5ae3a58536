using AligNet.Data.Access;
using AligNet.Data.Audit;
using AligNet.Domain.Audit;
using AligNet.Domain.Studies;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Data.Studies;

/// <summary>
/// Saves what the study editor submits, atomically: the row is locked, re-checked (someone else's edit since loading,
/// a design frozen meanwhile by the first participant) and validated before anything is written. The caller must
/// be allowed to (<see cref="StaffAccess"/>); the creator becomes the study's owner; each save is audited with it.
/// </summary>
public sealed class StudyEditing(AligNetDbContext db)
{
    public sealed record Result(bool Saved, IReadOnlyList<string> Problems)
    {
        public static Result Refused(params string[] problems) => new(false, problems);
    }

    private const string NoSuchStudy = "The study does not exist (any more), or you may not edit it.";

    public async Task<Result> CreateAsync(Study draft, StaffCaller caller, CancellationToken ct = default)
    {
        draft.State = StudyState.Draft;
        draft.DesignFrozenAt = null;
        var errors = StudyValidator.ValidateForSave(draft).Errors;
        if (errors.Count > 0) return new Result(false, [.. errors.Select(e => e.ErrorMessage).Distinct()]);
        if (!await new StaffAccess(db, caller).MaySeeStimulusSetAsync(draft.StimulusSetId, ct)) return Result.Refused("Choose an existing stimulus set.");
        draft.Name = draft.Name.Trim();
        draft.CreatedAt = DateTimeOffset.UtcNow;
        draft.CreatedBy = caller.Email;
        db.Studies.Add(draft);
        db.StudyMembers.Add(new StudyMember { StudyId = draft.Id, UserId = caller.UserId, Role = StudyRole.Owner, AddedAt = draft.CreatedAt, AddedBy = caller.Email });
        AuditTrail.Add(db, caller.Email, AuditActions.StudyCreate, $"study/{draft.Id}", new { name = draft.Name, stimulusSet = draft.StimulusSetId });
        await db.SaveChangesAsync(ct);
        return new Result(true, []);
    }

    /// <param name="loadedFingerprint"><see cref="StudyFingerprint.Of"/> of the study as the editor loaded it.</param>
    public async Task<Result> UpdateAsync(Study edited, string loadedFingerprint, StaffCaller caller, CancellationToken ct = default)
    {
        var access = new StaffAccess(db, caller);
        if (!await access.MayAsync(edited.Id, StudyRole.Editor, ct)) return Result.Refused(NoSuchStudy);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var stored = await StudyRows.LockAsync(db, edited.Id, ct);
        if (stored is null) return Result.Refused(NoSuchStudy);
        if (StudyFingerprint.Of(stored) != loadedFingerprint)
        {
            return Result.Refused("Someone else saved this study since you opened it. Reload the page to see their changes, then make yours again.");
        }
        if (stored.IsDesignFrozen && DesignDiffers(stored, edited))
        {
            return Result.Refused($"The design was frozen at {stored.DesignFrozenAt:u} when the first participant started: only the name, description, texts and codes can change. Reload the page.");
        }
        if (!stored.IsDesignFrozen && stored.StimulusSetId != edited.StimulusSetId
            && !await access.MaySeeStimulusSetAsync(edited.StimulusSetId, ct))
        {
            return Result.Refused("Choose an existing stimulus set.");
        }

        var before = new Study { Name = "" };
        CopyEditable(stored, before, includeDesign: true);
        CopyEditable(edited, stored, includeDesign: !stored.IsDesignFrozen);
        var errors = StudyValidator.ValidateForSave(stored).Errors;
        if (errors.Count > 0) return new Result(false, [.. errors.Select(e => e.ErrorMessage).Distinct()]);
        if (!stored.IsDesignFrozen && stored.Design != DesignKind.FixedLists)
        {
            // Lists imported for a FixedLists design mean nothing to another design; keeping them would only confuse.
            await db.FixedTrials.Where(t => t.StudyId == stored.Id).ExecuteDeleteAsync(ct);
        }
        AuditTrail.Add(db, caller.Email, AuditActions.StudyEdit, $"study/{stored.Id}", StudyChanges.Between(before, stored));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new Result(true, []);
    }

    /// <summary>Copies what a researcher may edit; the design part only while it is not frozen.</summary>
    public static void CopyEditable(Study from, Study to, bool includeDesign)
    {
        to.Name = from.Name.Trim();
        to.Description = from.Description;
        to.ConsentMarkdown = from.ConsentMarkdown;
        to.InstructionsMarkdown = from.InstructionsMarkdown;
        to.DebriefMarkdown = from.DebriefMarkdown;
        to.CompletionCode = from.CompletionCode.Trim();
        to.ScreenedOutCode = from.ScreenedOutCode.Trim();
        to.FailedChecksCode = from.FailedChecksCode.Trim();
        if (!includeDesign) return;
        to.StimulusSetId = from.StimulusSetId;
        to.Recruitment = from.Recruitment;
        to.Design = from.Design;
        to.TrialsPerParticipant = from.TrialsPerParticipant;
        to.PracticeTrials = from.PracticeTrials;
        to.CatchTrialShare = from.CatchTrialShare;
        to.RepeatProbes = from.RepeatProbes;
        to.Blocks = from.Blocks;
        to.AdaptiveSampling = from.AdaptiveSampling;
        to.RandomArmShare = from.RandomArmShare;
        to.AdaptiveScore = from.AdaptiveScore;
        to.BreakMaxSeconds = from.BreakMaxSeconds;
        to.FixationMs = from.FixationMs;
        to.InterTrialIntervalMs = from.InterTrialIntervalMs;
        to.ChoiceFeedbackMs = from.ChoiceFeedbackMs;
        to.ResponseTimeLimitMs = from.ResponseTimeLimitMs;
        to.MinimumValidRtMs = from.MinimumValidRtMs;
        to.Inputs = from.Inputs;
        to.RequireFullscreen = from.RequireFullscreen;
        to.Qc = Copy(from.Qc);
    }

    public static QcPolicy Copy(QcPolicy q) => new()
    {
        SpeedTaskLength = q.SpeedTaskLength, FastShareLimit = q.FastShareLimit, FastRtMs = q.FastRtMs,
        SlowShareLimit = q.SlowShareLimit, SlowRtMs = q.SlowRtMs, TooFastTasksToExclude = q.TooFastTasksToExclude,
        MaxMissedResponses = q.MaxMissedResponses, MinCatchAccuracy = q.MinCatchAccuracy,
        PositionBiasFlagShare = q.PositionBiasFlagShare, PositionBiasExcludeShare = q.PositionBiasExcludeShare,
        PositionBiasMinimumAnswers = q.PositionBiasMinimumAnswers, FocusLossFlagShare = q.FocusLossFlagShare,
    };

    /// <summary>True when <paramref name="edited"/> changes anything beyond name, description, texts and codes.</summary>
    public static bool DesignDiffers(Study stored, Study edited)
    {
        var storedDesign = new Study { Name = "" };
        CopyEditable(stored, storedDesign, includeDesign: true);
        CopyEditable(edited, storedDesign, includeDesign: false);
        var editedAll = new Study { Name = "" };
        CopyEditable(edited, editedAll, includeDesign: true);
        return StudyFingerprint.Of(storedDesign) != StudyFingerprint.Of(editedAll);
    }
}
