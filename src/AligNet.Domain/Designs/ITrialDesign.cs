using AligNet.Domain.Participation;
using AligNet.Domain.Studies;

namespace AligNet.Domain.Designs;

/// <summary>
/// How a study chooses each person's main triplets. <see cref="SessionPlanner"/> picks one by
/// <see cref="Study.Design"/> and adds practice trials, catch trials, repeat probes, blocks and screen positions
/// around it. An adaptive design (teacher uncertainty) implements this too, reading its scores through its own
/// constructor dependencies and <see cref="DesignContext.Coverage"/>.
/// </summary>
public interface ITrialDesign
{
    DesignKind Kind { get; }

    /// <summary>
    /// True when the design's triplets already are the whole session after practice, in order, catch trials
    /// included (fixed lists): the planner then mixes in no generated catch trials or repeat probes.
    /// </summary>
    bool PlansWholeSession { get; }

    /// <summary>
    /// The main triplets in the order they are shown: <see cref="DesignContext.MainTrials"/> of them, none in
    /// <see cref="DesignContext.Used"/> (add each one there). Positions are randomised later by the planner.
    /// </summary>
    IReadOnlyList<PlannedTriplet> PlanMain(DesignContext context);
}

/// <summary>Everything a design may use to choose one session's main triplets.</summary>
/// <param name="MainTrials">How many main triplets the planner needs (ignored by designs that plan the whole session).</param>
/// <param name="Used">Triplets this person already has; designs must not repeat them and must add their own.</param>
/// <param name="Random">The session's seeded generator: the only source of randomness, so a plan can be reproduced.</param>
public sealed record DesignContext(
    Study Study,
    IReadOnlyList<DesignStimulus> Pool,
    IPairCoverage Coverage,
    IReadOnlyList<FixedTrial>? FixedList,
    int MainTrials,
    UsedTriplets Used,
    Random Random)
{
    /// <summary>
    /// Candidate triplets drawn before the pair counts were read (one list per main trial, see
    /// <see cref="BalancedRandomDesign.DrawCandidates"/>): counts kept in PostgreSQL are fetched for exactly these
    /// pairs in one query. Null: the design draws its own.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<PlannedTriplet>>? Candidates { get; init; }
}

/// <summary>
/// A triplet chosen by a design, not yet placed on screen. <paramref name="OddOneOut"/> is the expected answer
/// when there is one (catch triplets).
/// </summary>
public sealed record PlannedTriplet(
    Guid A, Guid B, Guid C,
    TrialKind Kind = TrialKind.Main,
    Guid? OddOneOut = null,
    string? Condition = null,
    TrialArm? Arm = null,
    Guid? TeacherVersionId = null);

/// <summary>A triplet popped from an adaptive study's queue (ADR-021), with the teacher version that scored it.</summary>
public sealed record QueuedTriplet(Guid A, Guid B, Guid C, double Score, Guid TeacherVersionId);
