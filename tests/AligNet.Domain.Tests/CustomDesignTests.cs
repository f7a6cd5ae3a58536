using AligNet.Domain.Designs;
using AligNet.Domain.Participation;
using AligNet.Domain.Studies;
using static AligNet.Domain.Tests.TestPools;

namespace AligNet.Domain.Tests;

/// <summary>Another design (an adaptive one later) plugs in behind <see cref="ITrialDesign"/> and gets the same session around it.</summary>
public class CustomDesignTests
{
    /// <summary>Always the lowest-numbered unused triplet, tagged with a condition: easy to recognise in a plan.</summary>
    private sealed class FirstUnusedDesign : ITrialDesign
    {
        public DesignKind Kind => DesignKind.BalancedRandom;
        public bool PlansWholeSession => false;

        public IReadOnlyList<PlannedTriplet> PlanMain(DesignContext context)
        {
            var planned = new List<PlannedTriplet>();
            var pool = context.Pool;
            for (var i = 0; i < pool.Count && planned.Count < context.MainTrials; i++)
            for (var j = i + 1; j < pool.Count && planned.Count < context.MainTrials; j++)
            for (var k = j + 1; k < pool.Count && planned.Count < context.MainTrials; k++)
            {
                if (context.Used.TryAdd(pool[i].Id, pool[j].Id, pool[k].Id))
                    planned.Add(new PlannedTriplet(pool[i].Id, pool[j].Id, pool[k].Id, Condition: "first-unused"));
            }
            return planned;
        }
    }

    [Fact]
    public void A_design_supplies_the_main_trials_and_the_planner_adds_practice_catch_repeats_and_blocks()
    {
        var study = Study(trials: 60, practice: 4, catchShare: 0.1, repeats: 5, blocks: 3);

        var plan = SessionPlanner.Plan(new SessionPlanRequest(study, Categorised(20), new PairCoverage(), null, Seed: 1), new FirstUnusedDesign());

        Assert.Equal(64, plan.Count);
        Assert.All(plan.Where(t => t.Kind is TrialKind.Main or TrialKind.RepeatProbe), t => Assert.Equal("first-unused", t.Condition));
        Assert.Equal(49, plan.Count(t => t.Kind == TrialKind.Main));
        Assert.Equal((4, 6, 5), (plan.Count(t => t.Kind == TrialKind.Practice), plan.Count(t => t.Kind == TrialKind.Catch), plan.Count(t => t.Kind == TrialKind.RepeatProbe)));
        Assert.Equal(new TripletKey(Id(0), Id(1), Id(2)), Key(plan.First(t => t.Kind == TrialKind.Main)));
    }
}
