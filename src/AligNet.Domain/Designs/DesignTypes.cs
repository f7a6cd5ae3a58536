using AligNet.Domain.Participation;
using AligNet.Domain.Studies;

namespace AligNet.Domain.Designs;

/// <summary>A stimulus as designs see it: its id and its category path from coarse to fine (may be empty).</summary>
public sealed record DesignStimulus(Guid Id, IReadOnlyList<string> CategoryPath);

/// <summary>
/// One planned trial of a session, in screen order (Stimulus0 left, 1 middle, 2 right) with positions already
/// randomised. <see cref="ExpectedPosition"/> is set for catch and practice trials. <see cref="Arm"/> and
/// <see cref="TeacherVersionId"/> say which arm of an adaptive study chose a main trial (null elsewhere).
/// </summary>
public sealed record PlannedTrial(
    int Index, int Block, TrialKind Kind,
    Guid Stimulus0, Guid Stimulus1, Guid Stimulus2,
    int? ExpectedPosition, int? RepeatOfIndex, string? Condition,
    TrialArm? Arm = null, Guid? TeacherVersionId = null);

/// <summary>
/// How often each unordered pair of stimuli has been shown in a study so far, across everyone. Balanced designs
/// read it to prefer rare pairs and record what they planned.
/// </summary>
public interface IPairCoverage
{
    int CountOf(Guid a, Guid b);
    void Record(Guid a, Guid b, Guid c);
}

/// <summary>Everything a design needs to plan one session.</summary>
/// <param name="FixedList">The participant's imported trial list (design <see cref="DesignKind.FixedLists"/>), in order.</param>
/// <param name="Seed">Seeds every random choice, so a plan can be reproduced.</param>
public sealed record SessionPlanRequest(
    Study Study,
    IReadOnlyList<DesignStimulus> Pool,
    IPairCoverage Coverage,
    IReadOnlyList<FixedTrial>? FixedList,
    int Seed);
