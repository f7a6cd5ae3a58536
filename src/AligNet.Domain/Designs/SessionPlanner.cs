namespace AligNet.Domain.Designs;

/// <summary>
/// Plans a whole session: practice trials, the design's main trials, catch trials and repeat probes mixed in,
/// blocks, and randomised screen positions.
/// </summary>
public static class SessionPlanner
{
    public static IReadOnlyList<PlannedTrial> Plan(SessionPlanRequest request) =>
        throw new NotImplementedException("Being written on branch issue-3-designs.");
}
