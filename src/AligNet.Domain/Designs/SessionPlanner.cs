using AligNet.Domain.Participation;
using AligNet.Domain.Studies;

namespace AligNet.Domain.Designs;

/// <summary>
/// Plans a whole session: practice trials, the design's main trials, catch trials and repeat probes mixed in,
/// blocks, and randomised screen positions. Deterministic for a seed and a given state of the pair coverage.
/// The web tier plans the same way a batch at a time (<see cref="SessionBatch"/>); a whole plan is one batch.
/// </summary>
/// <remarks>
/// Shape of a plan (indices 0 … PracticeTrials + TrialsPerParticipant − 1):
/// practice first (block 0; easy catch-like triplets with an expected answer for feedback, or random triplets
/// when the pool has no categories), then <see cref="Study.TrialsPerParticipant"/> trials — main, catch
/// (round(CatchTrialShare × TrialsPerParticipant), laid out by <see cref="SessionLayout"/>) and repeat probes —
/// split into blocks 1 … <see cref="Study.Blocks"/> whose sizes differ by at most one. Fixed lists set the
/// trials after practice themselves. No unordered triplet is given twice to one person except as a repeat probe.
/// Only main trials are recorded in the pair coverage: catch triplets are attention checks, not data to balance.
/// </remarks>
public static class SessionPlanner
{
    private static readonly ITrialDesign[] Designs = [new BalancedRandomDesign(), new FixedListDesign()];

    public static IReadOnlyList<PlannedTrial> Plan(SessionPlanRequest request) => Plan(request, DesignFor(request.Study.Design));

    /// <summary>Plans with a given design (adaptive designs, tests); the study's <see cref="Study.Design"/> is not consulted.</summary>
    public static IReadOnlyList<PlannedTrial> Plan(SessionPlanRequest request, ITrialDesign design)
    {
        Validate(request, design);
        return SessionBatch.Prepare(request, design, [], int.MaxValue).Plan(request.Coverage);
    }

    /// <summary>Throws <see cref="DesignException"/> with every reason the design cannot plan sessions from this pool.</summary>
    public static void Validate(SessionPlanRequest request, ITrialDesign design)
    {
        var pool = request.Pool.DistinctBy(s => s.Id).ToList();
        var errors = DesignCheck.Validate(request.Study, pool, design.PlansWholeSession ? request.FixedList : null)
            .Where(p => p.Severity == DesignProblemSeverity.Error).Select(p => p.Message).ToList();
        if (errors.Count > 0) throw new DesignException(string.Join(" ", errors));
    }

    public static ITrialDesign DesignFor(DesignKind kind) =>
        Designs.FirstOrDefault(d => d.Kind == kind) ?? throw new DesignException($"No design is implemented for {kind}.");
}
