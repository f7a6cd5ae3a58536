using AligNet.Domain.Designs;
using AligNet.Domain.Participation;
using AligNet.Domain.Studies;
using static AligNet.Domain.Tests.TestPools;

namespace AligNet.Domain.Tests;

public class SessionPlannerTests
{
    public static TheoryData<int, int, double, int, int, int> Designs => new()
    {
        // trials, practice, catch share, repeat probes, blocks, pool size
        { 60, 6, 0.05, 0, 3, 50 },
        { 60, 6, 0.1, 10, 3, 50 },
        { 330, 6, 0.05, 20, 7, 120 },
        { 40, 0, 0.2, 8, 1, 12 },
        { 100, 3, 0.0, 30, 10, 30 },
        { 17, 2, 0.0, 1, 4, 8 },
    };

    [Theory]
    [MemberData(nameof(Designs))]
    public void Plans_hold_their_invariants_over_many_seeds(int trials, int practice, double catchShare, int repeats, int blocks, int poolSize)
    {
        var study = Study(trials, practice, catchShare, repeats, blocks);
        var pool = Categorised(poolSize);
        var byId = pool.ToDictionary(s => s.Id);
        var finestPairs = pool.GroupBy(s => string.Join('/', s.CategoryPath)).Any(g => g.Count() >= 2);
        var catchCount = (int)Math.Round(catchShare * trials, MidpointRounding.AwayFromZero);

        for (var seed = 0; seed < 40; seed++)
        {
            // Odd seeds plan the way the web tier does, a batch at a time as the browser asks (ADR-018).
            var plan = seed % 2 == 0 ? Plan(study, pool, seed) : PlanInBatches(study, pool, seed, batchSizes: [1 + seed % 7, 10, 3]);

            Assert.Equal(Enumerable.Range(0, practice + trials), plan.Select(t => t.Index));
            Assert.All(plan.Take(practice), t => Assert.Equal((TrialKind.Practice, 0), (t.Kind, t.Block)));
            var body = plan.Skip(practice).ToList();
            Assert.DoesNotContain(body, t => t.Kind == TrialKind.Practice);
            Assert.Equal(catchCount, body.Count(t => t.Kind == TrialKind.Catch));
            Assert.Equal(repeats, body.Count(t => t.Kind == TrialKind.RepeatProbe));
            Assert.All(plan, t => Assert.Equal(3, OnScreen(t).Distinct().Count()));

            // No unordered triplet twice, except as a planned repeat probe.
            var firstShowings = plan.Where(t => t.Kind != TrialKind.RepeatProbe).Select(Key).ToList();
            Assert.Equal(firstShowings.Count, firstShowings.Distinct().Count());

            foreach (var probe in body.Where(t => t.Kind == TrialKind.RepeatProbe))
            {
                var first = plan[probe.RepeatOfIndex!.Value];
                Assert.Equal(TrialKind.Main, first.Kind);
                Assert.True(probe.Index - first.Index >= StudyLimits.RepeatProbeMinimumGap, $"gap {probe.Index - first.Index}");
                Assert.Equal(Key(first), Key(probe));
                Assert.NotEqual(OnScreen(first), OnScreen(probe)); // shown in a new order
                Assert.Equal(first.Condition, probe.Condition);
                Assert.Null(probe.ExpectedPosition);
            }
            Assert.Equal(repeats, body.Where(t => t.RepeatOfIndex is not null).Select(t => t.RepeatOfIndex).Distinct().Count());

            foreach (var check in body.Where(t => t.Kind == TrialKind.Catch).Concat(plan.Take(practice)))
                AssertCatchTriplet(check, byId, finestPairs);
            Assert.All(body.Take(SessionLayout.CatchLeadIn), t => Assert.NotEqual(TrialKind.Catch, t.Kind));
            Assert.All(body.Where(t => t.Kind == TrialKind.Main), t => Assert.Null(t.ExpectedPosition));

            AssertBlocks(body, blocks);
        }
    }

    [Fact]
    public void A_session_planned_a_batch_at_a_time_continues_from_its_stored_trials_only()
    {
        var study = Study(trials: 60, practice: 4, catchShare: 0.1, repeats: 6, blocks: 3);
        var pool = Categorised(30);
        var first = PlanInBatches(study, pool, seed: 7, batchSizes: [10]);
        var again = PlanInBatches(study, pool, seed: 7, batchSizes: [10]);
        Assert.Equal(first, again); // the same seed, stored trials and coverage decide a batch

        // Nothing planned past the requested index, and a later batch never rewrites earlier ones.
        var request = new SessionPlanRequest(study, pool, new PairCoverage(), null, 7);
        var head = SessionBatch.Prepare(request, SessionPlanner.DesignFor(study.Design), [], 13).Plan(request.Coverage);
        Assert.Equal(Enumerable.Range(0, 13), head.Select(t => t.Index));
        var rest = SessionBatch.Prepare(request, SessionPlanner.DesignFor(study.Design), head, 64).Plan(request.Coverage);
        Assert.Equal(Enumerable.Range(13, 51), rest.Select(t => t.Index));
        Assert.Empty(SessionBatch.Prepare(request, SessionPlanner.DesignFor(study.Design), [.. head, .. rest], 80).Plan(request.Coverage));
    }

    private static List<PlannedTrial> PlanInBatches(Study study, IReadOnlyList<DesignStimulus> pool, int seed, int[] batchSizes)
    {
        var request = new SessionPlanRequest(study, pool, new PairCoverage(), null, seed);
        var design = SessionPlanner.DesignFor(study.Design);
        var plan = new List<PlannedTrial>();
        for (var b = 0; plan.Count < study.TotalTrials; b++)
            plan.AddRange(SessionBatch.Prepare(request, design, plan, plan.Count + batchSizes[b % batchSizes.Length]).Plan(request.Coverage));
        return plan;
    }

    private static void AssertCatchTriplet(PlannedTrial t, Dictionary<Guid, DesignStimulus> byId, bool finestPairs)
    {
        Assert.NotNull(t.ExpectedPosition);
        var stimuli = OnScreen(t).Select(id => byId[id]).ToList();
        var odd = stimuli[t.ExpectedPosition!.Value];
        var pair = stimuli.Where(s => s != odd).ToList();
        if (finestPairs) Assert.Equal(pair[0].CategoryPath, pair[1].CategoryPath); // the same finest category when the pool has one with two
        else Assert.Equal(pair[0].CategoryPath[0], pair[1].CategoryPath[0]);
        Assert.NotEqual(pair[0].CategoryPath[0], odd.CategoryPath[0]); // a distant one: another top level
    }

    private static void AssertBlocks(List<PlannedTrial> body, int blocks)
    {
        Assert.Equal(body.Select(t => t.Block).Order(), body.Select(t => t.Block)); // blocks run in order
        var sizes = body.GroupBy(t => t.Block).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Enumerable.Range(1, blocks), sizes.Keys.Order());
        Assert.True(sizes.Values.Max() - sizes.Values.Min() <= 1, $"block sizes {string.Join(",", sizes.Values)}");
    }

    [Fact]
    public void The_same_seed_and_coverage_give_the_same_plan_and_another_seed_another()
    {
        var study = Study(trials: 80, repeats: 10, catchShare: 0.1);
        var pool = Categorised(40);

        var first = Plan(study, pool, seed: 42);
        var again = Plan(study, pool, seed: 42);
        var other = Plan(study, pool, seed: 43);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Screen_positions_are_randomised_so_the_odd_one_is_equally_often_left_middle_and_right()
    {
        var study = Study(trials: 100, practice: 10, catchShare: 0.2);
        var pool = Categorised(50);
        var counts = new int[3];
        for (var seed = 0; seed < 100; seed++)
        {
            foreach (var t in Plan(study, pool, seed).Where(t => t.ExpectedPosition is not null)) counts[t.ExpectedPosition!.Value]++;
        }

        var total = counts.Sum(); // 3,000 catch and practice trials
        Assert.All(counts, c => Assert.InRange((double)c / total, 0.30, 0.365));
    }

    [Fact]
    public void Catch_trials_are_spread_over_the_session()
    {
        var plan = Plan(Study(trials: 200, practice: 0, catchShare: 0.05), Categorised(50), seed: 5);

        var positions = plan.Where(t => t.Kind == TrialKind.Catch).Select(t => t.Index).ToList();
        Assert.Equal(10, positions.Count);
        // One per segment of 19.7 trials: consecutive catch trials are never more than two segments apart.
        Assert.All(positions.Zip(positions.Skip(1)), p => Assert.InRange(p.Second - p.First, 1, 40));
        Assert.True(positions[0] < 23 && positions[^1] >= 180, string.Join(",", positions));
    }

    [Fact]
    public void Without_categories_practice_trials_are_random_and_carry_no_expected_answer()
    {
        var plan = Plan(Study(trials: 30, practice: 5, catchShare: 0), Uncategorised(20), seed: 9);

        Assert.All(plan.Take(5), t => Assert.Equal((TrialKind.Practice, (int?)null), (t.Kind, t.ExpectedPosition)));
        Assert.All(plan.Skip(5), t => Assert.Equal(TrialKind.Main, t.Kind));
    }

    [Fact]
    public void Catch_trials_without_categories_are_refused_with_the_fix_named()
    {
        var error = Assert.Throws<DesignException>(() => Plan(Study(catchShare: 0.05), Uncategorised(20), seed: 1));

        Assert.Contains("catch-trial share to 0", error.Message);
    }

    [Fact]
    public void One_top_level_category_is_not_enough_for_catch_trials()
    {
        var pool = Enumerable.Range(0, 20).Select(i => new DesignStimulus(Id(i), ["animals", $"kind{i % 4}"])).ToList();

        Assert.Throws<DesignException>(() => Plan(Study(catchShare: 0.1), pool, seed: 1));
    }

    [Fact]
    public void Pairs_come_from_a_shared_coarser_level_when_no_finest_category_has_two_members()
    {
        // Every stimulus has a finest category of its own; animals and food each hold several.
        var pool = Enumerable.Range(0, 12).Select(i => new DesignStimulus(Id(i), [i < 6 ? "animals" : "food", $"kind{i}"])).ToList();
        var byId = pool.ToDictionary(s => s.Id);

        var plan = Plan(Study(trials: 40, practice: 2, catchShare: 0.1), pool, seed: 2);

        foreach (var t in plan.Where(t => t.ExpectedPosition is not null))
        {
            var stimuli = OnScreen(t).Select(id => byId[id]).ToList();
            var odd = stimuli[t.ExpectedPosition!.Value];
            Assert.All(stimuli.Where(s => s != odd), s => Assert.NotEqual(odd.CategoryPath[0], s.CategoryPath[0]));
        }
        Assert.Equal(4, plan.Count(t => t.Kind == TrialKind.Catch));
    }

    [Fact]
    public void A_small_pool_is_used_up_without_repeating_a_triplet()
    {
        // 7 stimuli make 35 triplets; 35 trials take every one of them exactly once.
        var plan = Plan(Study(trials: 30, practice: 5, catchShare: 0, blocks: 1), Uncategorised(7), seed: 4);

        Assert.Equal(35, plan.Select(Key).Distinct().Count());
    }

    [Fact]
    public void More_trials_than_distinct_triplets_are_refused()
    {
        Assert.Throws<DesignException>(() => Plan(Study(trials: 31, practice: 5, catchShare: 0, blocks: 1), Uncategorised(7), seed: 4));
    }
}
