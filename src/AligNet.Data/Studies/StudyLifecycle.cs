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

    public async Task<Result> ChangeStateAsync(Guid studyId, StudyState target, CancellationToken ct = default)
    {
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
        var lists = study.Design == DesignKind.FixedLists
            ? await db.FixedTrials.AsNoTracking().Where(t => t.StudyId == study.Id).Select(t => t.ListNumber).Distinct().CountAsync(ct)
            : 0;
        problems.AddRange(DesignProblems(study, pool, lists));
        return [.. problems.Distinct()];
    }

    // DESIGN-CHECK (the one call site): the designs helper's DesignCheck (src/AligNet.Domain/Designs) is not on main
    // yet. When it lands, replace the body with its call, e.g. `DesignCheck.Problems(study, pool, lists)`; until
    // then the basic feasibility rules below keep an impossible study from opening.
    private static IEnumerable<string> DesignProblems(Study study, IReadOnlyList<DesignStimulus> pool, int fixedLists)
    {
        if (pool.Count < 3)
        {
            yield return $"The stimulus set has {pool.Count} stimuli; a triplet needs at least 3.";
            yield break;
        }
        if (study.Design == DesignKind.FixedLists && fixedLists == 0)
        {
            yield return "Import the fixed trial lists (CSV) before opening: the design FixedLists has none yet.";
        }
        if (StudyValidator.CatchTrials(study) > 0)
        {
            // A catch triplet takes two stimuli of one category and one of another top-level category.
            var byTop = pool.Where(s => s.CategoryPath.Count > 0).GroupBy(s => s.CategoryPath[0]).ToList();
            if (byTop.Count < 2 || !byTop.Any(g => g.Count() >= 2))
            {
                yield return "Catch trials need categories: at least two top-level categories, one with two or more stimuli. Set the catch share to 0% or use a set with categories.";
            }
        }
    }
}
