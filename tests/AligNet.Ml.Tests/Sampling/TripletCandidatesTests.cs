using AligNet.Ml.Sampling;

namespace AligNet.Ml.Tests.Sampling;

public class TripletCandidatesTests
{
    [Fact]
    public void Candidates_are_distinct_ordered_triplets_of_allowed_items_and_follow_the_seed()
    {
        var excluded = new HashSet<int> { 0, 7, 13 };

        var drawn = TripletUncertainty.Candidates(40, 2_000, seed: 5, excluded);

        Assert.Equal(2_000, drawn.Count);
        Assert.Equal(drawn.Count, drawn.Distinct().Count());
        Assert.All(drawn, t =>
        {
            Assert.True(t.I < t.J && t.J < t.K, $"{t} is not ordered");
            Assert.InRange(t.I, 0, 39);
            Assert.InRange(t.K, 0, 39);
            Assert.DoesNotContain(t.I, excluded);
            Assert.DoesNotContain(t.J, excluded);
            Assert.DoesNotContain(t.K, excluded);
        });
        Assert.Equal(drawn, TripletUncertainty.Candidates(40, 2_000, seed: 5, excluded));
        Assert.NotEqual(drawn, TripletUncertainty.Candidates(40, 2_000, seed: 6, excluded));
    }

    [Fact]
    public void Asking_for_every_triplet_lists_each_once_and_asking_for_more_names_the_limit()
    {
        var all = TripletUncertainty.Candidates(6, 20, seed: 1); // C(6, 3) = 20

        Assert.Equal(20, all.Distinct().Count());
        Assert.Empty(TripletUncertainty.Candidates(2, 0, seed: 1));
        var error = Assert.Throws<ArgumentException>(() => TripletUncertainty.Candidates(6, 21, seed: 1, new HashSet<int>()));
        Assert.Contains("6 allowed items make only 20", error.Message);
        Assert.Contains("make only 4", Assert.Throws<ArgumentException>(() => TripletUncertainty.Candidates(6, 5, seed: 1, new HashSet<int> { 0, 1 })).Message);
    }

    [Fact]
    public void Both_draw_strategies_are_uniform_enough_that_every_item_appears()
    {
        var sparse = TripletUncertainty.Candidates(200, 3_000, seed: 2);     // rejection sampling
        var dense = TripletUncertainty.Candidates(12, 200, seed: 2);        // 200 of 220: partial shuffle
        Assert.Equal(200, sparse.SelectMany(t => new[] { t.I, t.J, t.K }).Distinct().Count());
        Assert.Equal(12, dense.SelectMany(t => new[] { t.I, t.J, t.K }).Distinct().Count());
        Assert.Equal(200, dense.Distinct().Count());
    }
}
