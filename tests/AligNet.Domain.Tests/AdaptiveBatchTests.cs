using AligNet.Domain.Designs;
using AligNet.Domain.Participation;

namespace AligNet.Domain.Tests;

/// <summary>
/// Adaptive slots of a balanced random session (ADR-021), without a database: the coin depends on seed and slot
/// only, popped triplets fill the adaptive slots in order and skip what the person has had, and the rest fall back.
/// </summary>
public class AdaptiveBatchTests
{
    private static readonly List<DesignStimulus> Pool = TestPools.Categorised(30);

    private static Studies.Study AdaptiveStudy(double share)
    {
        var study = TestPools.Study(trials: 60, practice: 3, catchShare: 0.05, repeats: 3);
        (study.AdaptiveSampling, study.RandomArmShare) = (true, share);
        return study;
    }

    private static List<PlannedTrial> Planned(Studies.Study study, int seed, int[] batches, Func<IReadOnlyList<PlannedTrial>, int, IReadOnlyList<QueuedTriplet>>? queue = null)
    {
        var plan = new List<PlannedTrial>();
        var request = new SessionPlanRequest(study, Pool, new PairCoverage(), null, seed);
        for (var b = 0; plan.Count < study.TotalTrials; b++)
        {
            var batch = SessionBatch.Prepare(request, new BalancedRandomDesign(), plan, plan.Count + batches[b % batches.Length]);
            plan.AddRange(batch.Plan(request.Coverage, queue?.Invoke(plan, batch.AdaptiveSlots)));
        }
        return plan;
    }

    [Fact]
    public void A_slots_arm_does_not_depend_on_how_the_session_is_cut_into_batches()
    {
        var study = AdaptiveStudy(0.15);
        var whole = Planned(study, 17, [63]).Select(t => t.Arm).ToList();
        Assert.Equal(whole, Planned(study, 17, [1, 4, 10]).Select(t => t.Arm).ToList());
        Assert.Equal(whole, Planned(study, 17, [7]).Select(t => t.Arm).ToList());
        // With nothing queued, adaptive slots fall back; only main trials carry an arm.
        var plan = Planned(study, 17, [10]);
        Assert.All(plan, t => Assert.Equal(t.Kind == TrialKind.Main, t.Arm is not null));
        Assert.DoesNotContain(plan, t => t.Arm == TrialArm.Adaptive);
    }

    [Fact]
    public void Popped_triplets_fill_the_adaptive_slots_in_order_and_one_the_person_had_is_skipped()
    {
        var study = AdaptiveStudy(0.15);
        var teacher = Guid.NewGuid();
        var next = 0;
        var offeredAgain = 0;
        IReadOnlyList<QueuedTriplet> Queue(IReadOnlyList<PlannedTrial> soFar, int slots)
        {
            // From the second batch on, the first triplet offered is one the person already has (in another order).
            var list = new List<QueuedTriplet>();
            if (soFar.FirstOrDefault(t => t.Kind == TrialKind.Main) is { } had)
            {
                list.Add(new QueuedTriplet(had.Stimulus2, had.Stimulus0, had.Stimulus1, 9, teacher));
                offeredAgain++;
            }
            // Distinct triplets (two spare per batch, in case the random arm drew one of them first).
            for (var n = 0; n < slots + 2; n++, next++) list.Add(new QueuedTriplet(Pool[next % 10].Id, Pool[10 + next / 10 % 10].Id, Pool[20 + next % 7].Id, 1, teacher));
            return list;
        }
        var plan = Planned(study, 5, [20], Queue);
        var adaptive = plan.Where(t => t.Arm == TrialArm.Adaptive).ToList();
        Assert.True(offeredAgain >= 2);
        Assert.NotEmpty(adaptive);
        Assert.All(adaptive, t => Assert.Equal(teacher, t.TeacherVersionId));
        Assert.DoesNotContain(plan, t => t.Arm == TrialArm.Fallback); // every adaptive slot got a popped triplet
        var keys = plan.Where(t => t.Kind != TrialKind.RepeatProbe).Select(TestPools.Key).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count()); // the repeated offer was skipped, never shown twice
        var share = plan.Count(t => t.Arm == TrialArm.Random) / (double)plan.Count(t => t.Arm != null);
        Assert.InRange(share, 0.0, 0.5);
    }

    [Fact]
    public void The_coin_gives_the_share_asked_for()
    {
        // 100,000 slots of 100 seeds: a binomial(1e5, 0.15) count is within 5 σ (≈ 565) of 15,000.
        var random = Enumerable.Range(0, 100).SelectMany(seed => Enumerable.Range(0, 1000).Select(slot => ArmCoin.Draw(seed, slot, 0.15)))
            .Count(a => a == TrialArm.Random);
        Assert.InRange(random, 15_000 - 565, 15_000 + 565);
        Assert.Equal(TrialArm.Random, ArmCoin.Draw(3, 4, 1.0));
    }
}
