using AligNet.Domain.Designs;
using AligNet.Domain.Participation;
using AligNet.Domain.Studies;
using static AligNet.Domain.Tests.TestPools;

namespace AligNet.Domain.Tests;

public class FixedListDesignTests
{
    private static Study FixedStudy(int trials, int practice = 2, int blocks = 2)
    {
        var study = Study(trials: trials, practice: practice, catchShare: 0, blocks: blocks);
        study.Design = DesignKind.FixedLists;
        return study;
    }

    private static FixedTrial Row(int order, int a, int b, int c, bool isCatch = false, string? condition = null) => new()
    {
        ListNumber = 1, Order = order, Stimulus0Id = Id(a), Stimulus1Id = Id(b), Stimulus2Id = Id(c), IsCatch = isCatch, Condition = condition,
    };

    [Fact]
    public void The_list_is_followed_in_order_with_conditions_and_catch_rows_scored_by_category()
    {
        // Categorised(10): stimuli 0 and 5 are animals (sub0, sub1), 1 is food; 0 and 10 would share a finest category.
        var pool = Categorised(15);
        List<FixedTrial> rows =
        [
            Row(2, 3, 4, 6, condition: "within_class"),
            Row(0, 0, 1, 2, condition: "between_class"),
            Row(1, 0, 10, 1, isCatch: true), // animals/sub0 twice + food: food is odd
            Row(3, 0, 5, 10, isCatch: true), // all animals: sub1 differs at the finest level
        ];

        var plan = SessionPlanner.Plan(new SessionPlanRequest(FixedStudy(4), pool, new PairCoverage(), rows, Seed: 7));

        var body = plan.Skip(2).ToList();
        Assert.Equal(
            rows.OrderBy(r => r.Order).Select(r => new TripletKey(r.Stimulus0Id, r.Stimulus1Id, r.Stimulus2Id)),
            body.Select(Key));
        Assert.Equal(["between_class", null, "within_class", null], body.Select(t => t.Condition));
        Assert.Equal([TrialKind.Main, TrialKind.Catch, TrialKind.Main, TrialKind.Catch], body.Select(t => t.Kind));
        Assert.Equal(Id(1), OnScreen(body[1])[body[1].ExpectedPosition!.Value]);
        Assert.Equal(Id(5), OnScreen(body[3])[body[3].ExpectedPosition!.Value]);
        Assert.Equal([1, 1, 2, 2], body.Select(t => t.Block));
    }

    [Fact]
    public void Catch_rows_whose_categories_single_out_nothing_have_no_expected_answer()
    {
        var plan = SessionPlanner.Plan(new SessionPlanRequest(
            FixedStudy(1, practice: 0, blocks: 1), Uncategorised(5), new PairCoverage(), [Row(0, 0, 1, 2, isCatch: true)], Seed: 1));

        Assert.Equal((TrialKind.Catch, (int?)null), (plan[0].Kind, plan[0].ExpectedPosition));
    }

    [Fact]
    public void A_session_without_its_list_is_refused()
    {
        var error = Assert.Throws<DesignException>(() =>
            SessionPlanner.Plan(new SessionPlanRequest(FixedStudy(4), Categorised(10), new PairCoverage(), null, Seed: 1)));

        Assert.Contains("import", error.Message);
    }
}
