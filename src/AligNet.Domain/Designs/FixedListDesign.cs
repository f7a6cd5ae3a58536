using AligNet.Domain.Participation;
using AligNet.Domain.Studies;

namespace AligNet.Domain.Designs;

/// <summary>
/// An imported trial list per participant (e.g. the Levels experiment): the session's trials after practice are
/// the list's rows in <see cref="FixedTrial.Order"/>, with their condition. Rows marked
/// <see cref="FixedTrial.IsCatch"/> become catch trials; their expected answer is worked out from the stimuli's
/// categories (Levels' catch rows are "two images of one class and one different"), and left unknown when the
/// categories do not single one out. The list sets the session's length; the study's catch share and repeat
/// probes are not applied on top (<see cref="DesignCheck"/> says so).
/// </summary>
public sealed class FixedListDesign : ITrialDesign
{
    public DesignKind Kind => DesignKind.FixedLists;
    public bool PlansWholeSession => true;

    public IReadOnlyList<PlannedTriplet> PlanMain(DesignContext context)
    {
        if (context.FixedList is not { Count: > 0 } list)
            throw new DesignException("This study uses fixed trial lists but the session has no list; import the trial lists first.");

        var byId = context.Pool.ToDictionary(s => s.Id);
        return list.OrderBy(t => t.Order).Select(row =>
        {
            context.Used.TryAdd(row.Stimulus0Id, row.Stimulus1Id, row.Stimulus2Id);
            return new PlannedTriplet(
                row.Stimulus0Id, row.Stimulus1Id, row.Stimulus2Id,
                row.IsCatch ? TrialKind.Catch : TrialKind.Main,
                row.IsCatch ? ExpectedOdd(row, byId) : null,
                row.Condition);
        }).ToList();
    }

    private static Guid? ExpectedOdd(FixedTrial row, Dictionary<Guid, DesignStimulus> byId) =>
        byId.TryGetValue(row.Stimulus0Id, out var a) && byId.TryGetValue(row.Stimulus1Id, out var b) && byId.TryGetValue(row.Stimulus2Id, out var c)
            ? CatchTriplets.OddOneOut(a, b, c)
            : null;
}
