using AligNet.Domain.Designs;
using AligNet.Domain.Participation;
using static AligNet.Domain.Tests.TestPools;

namespace AligNet.Domain.Tests;

public class BalancedRandomDesignTests
{
    private const int Sessions = 200;
    private const int PoolSize = 50;

    /// <summary>Plans <see cref="Sessions"/> sessions on one shared coverage and counts every pair shown in main trials.</summary>
    private static int[] PairCounts(ITrialDesign design)
    {
        var pool = Categorised(PoolSize);
        var coverage = new PairCoverage();
        var counts = new Dictionary<(Guid, Guid), int>();
        for (var a = 0; a < PoolSize; a++)
        for (var b = a + 1; b < PoolSize; b++) counts[(Id(a), Id(b))] = 0;

        for (var seed = 0; seed < Sessions; seed++)
        {
            var plan = SessionPlanner.Plan(new SessionPlanRequest(Study(), pool, coverage, null, seed), design);
            foreach (var t in plan.Where(t => t.Kind == TrialKind.Main))
            {
                var s = OnScreen(t).Order().ToArray();
                counts[(s[0], s[1])]++;
                counts[(s[0], s[2])]++;
                counts[(s[1], s[2])]++;
            }
        }
        return [.. counts.Values];
    }

    private static double StandardDeviation(int[] values)
    {
        var mean = values.Average();
        return Math.Sqrt(values.Average(v => (v - mean) * (v - mean)));
    }

    [Fact]
    public void Pairs_are_covered_about_equally_across_200_sessions_and_much_better_than_plain_random()
    {
        var balanced = PairCounts(new BalancedRandomDesign());
        var random = PairCounts(new BalancedRandomDesign(candidates: 1)); // one candidate: plain random triplets

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"balanced: mean {balanced.Average():F1} min {balanced.Min()} max {balanced.Max()} sd {StandardDeviation(balanced):F2}; " +
            $"random: min {random.Min()} max {random.Max()} sd {StandardDeviation(random):F2}");
        Assert.Equal(random.Sum(), balanced.Sum()); // same number of main trials
        Assert.True(balanced.Min() > 0, "every pair shown at least once");
        // Measured: balanced 27–30 per pair (sd 0.48), plain random 12–46 (sd 5.3).
        Assert.True((double)balanced.Max() / balanced.Min() <= 1.25, $"max/min {balanced.Max()}/{balanced.Min()}");
        Assert.True((double)random.Max() / random.Min() > 2, $"plain random max/min {random.Max()}/{random.Min()} (the test would not discriminate)");
        Assert.True(StandardDeviation(balanced) < StandardDeviation(random) / 5,
            $"sd balanced {StandardDeviation(balanced):F2} vs random {StandardDeviation(random):F2}");
    }

    [Fact]
    public void Main_trials_are_recorded_in_the_coverage_and_nothing_else()
    {
        var coverage = new PairCoverage();
        var plan = Plan(Study(trials: 60, catchShare: 0.1), Categorised(30), seed: 3, coverage);

        Assert.Equal(3 * plan.Count(t => t.Kind == TrialKind.Main), coverage.Snapshot().Values.Sum());
    }

    [Fact]
    public void Prefers_the_rarest_pairs_given_by_a_seeded_coverage()
    {
        // Every pair among stimuli 0..5 has been shown a lot already: a balanced plan avoids them entirely.
        var pool = Categorised(12);
        var seeded = new List<(Guid, Guid, int)>();
        for (var a = 0; a < 6; a++)
        for (var b = a + 1; b < 6; b++) seeded.Add((Id(a), Id(b), 1_000));
        var plan = Plan(Study(trials: 10, practice: 0, catchShare: 0), pool, seed: 1, new PairCoverage(seeded));

        var heavy = Enumerable.Range(0, 6).Select(Id).ToHashSet();
        Assert.All(plan, t => Assert.True(OnScreen(t).Count(heavy.Contains) <= 1, "no heavily covered pair chosen"));
    }
}
