using AligNet.Ml.Sampling;

namespace AligNet.Ml.Tests.Sampling;

public class AdaptiveBatchTests
{
    [Fact]
    public void A_batch_takes_the_top_scores_and_exactly_the_random_share_from_the_rest()
    {
        var scores = Enumerable.Range(0, 100).Select(i => (double)i).ToArray(); // candidate 99 is best

        var chosen = AdaptiveBatch.Choose(scores, 20, 0.15, new Random(1));

        Assert.Equal(20, chosen.Count);
        Assert.Equal(20, chosen.Select(c => c.Candidate).Distinct().Count());
        Assert.Equal(Enumerable.Range(83, 17).Reverse(), chosen.Where(c => !c.RandomArm).Select(c => c.Candidate)); // round(0.15·20) = 3 random
        Assert.Equal(3, chosen.Count(c => c.RandomArm));
        Assert.All(chosen.Where(c => c.RandomArm), c => Assert.InRange(c.Candidate, 0, 82));
    }

    [Fact]
    public void The_random_arm_holds_its_share_over_many_batches_and_ties_keep_the_earlier_candidate()
    {
        Assert.Equal(15, AdaptiveBatch.RandomCount(100, 0.15));
        Assert.Equal(2, AdaptiveBatch.RandomCount(10, 0.15)); // 1.5 rounds away from zero
        Assert.Equal([0, 1], AdaptiveBatch.Choose([1.0, 1.0, 1.0], 2, 0, new Random(0)).Select(c => c.Candidate));
        Assert.All(AdaptiveBatch.Choose([3.0, 2.0, 1.0], 3, 1, new Random(0)), c => Assert.True(c.RandomArm));
        Assert.Throws<ArgumentOutOfRangeException>(() => AdaptiveBatch.Choose([1.0], 2, 0.15, new Random(0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => AdaptiveBatch.Choose([1.0], 1, 1.5, new Random(0)));
    }
}
