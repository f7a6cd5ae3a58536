using AligNet.Data.Access;
using AligNet.Data.Audit;
using AligNet.Domain.Audit;
using AligNet.Domain.Designs;
using AligNet.Domain.Studies;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Data.Studies;

/// <summary>
/// Moves a study between states. Opening (or resuming) runs the validator's opening rules and the design check
/// against the stimulus pool, and refuses with every reason; the change is made under a row lock, so two
/// researchers clicking at once cannot skip a check.
/// </summary>
public sealed class StudyLifecycle(AligNetDbContext db)
{
    public sealed record Result(bool Changed, StudyState State, IReadOnlyList<string> Problems);

    /// <summary>Changes the state when <paramref name="caller"/> may edit the study; audited with the change.</summary>
    public async Task<Result> ChangeStateAsync(Guid studyId, StudyState target, StaffCaller caller, CancellationToken ct = default)
    {
        if (!await new StaffAccess(db, caller).MayAsync(studyId, StudyRole.Editor, ct))
            return new Result(false, target, ["The study does not exist (any more), or you may not change it."]);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var study = await StudyRows.LockAsync(db, studyId, ct);
        if (study is null) return new Result(false, target, ["The study does not exist (any more)."]);
        if (study.State == target) return new Result(false, study.State, []);
        if (!StudyTransitions.IsAllowed(study.State, target))
        {
            var allowed = StudyTransitions.From(study.State);
            var hint = allowed.Count == 0 ? "a closed study stays closed." : $"from {study.State} it can go to {string.Join(" or ", allowed)}.";
            return new Result(false, study.State, [$"A study cannot go from {study.State} to {target}: {hint}"]);
        }
        if (target == StudyState.Open)
        {
            var problems = await OpeningProblemsAsync(study, ct);
            if (problems.Count > 0) return new Result(false, study.State, problems);
        }
        AuditTrail.Add(db, caller.Email, AuditActions.StudyStateChange, $"study/{studyId}", new { from = study.State.ToString(), to = target.ToString() });
        study.State = target;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new Result(true, target, []);
    }

    /// <summary>Why the study cannot take participants yet; empty when it can.</summary>
    public async Task<IReadOnlyList<string>> OpeningProblemsAsync(Study study, CancellationToken ct = default)
    {
        var problems = StudyValidator.ValidateForOpening(study).Errors.Select(e => e.ErrorMessage).ToList();
        var pool = await db.Stimuli.AsNoTracking().Where(s => s.StimulusSetId == study.StimulusSetId)
            .Select(s => new DesignStimulus(s.Id, s.CategoryPath)).ToListAsync(ct);
        var fixedTrials = study.Design == DesignKind.FixedLists
            ? await db.FixedTrials.AsNoTracking().Where(t => t.StudyId == study.Id).ToListAsync(ct)
            : null;
        // Warnings (a design that runs, but not quite as configured) do not block opening; errors are what the planner would refuse.
        problems.AddRange(DesignCheck.Validate(study, pool, fixedTrials)
            .Where(p => p.Severity == DesignProblemSeverity.Error).Select(p => p.Message));
        return [.. problems.Distinct()];
    }
}
