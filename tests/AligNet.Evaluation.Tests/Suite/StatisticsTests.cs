using AligNet.Evaluation.Statistics;

namespace AligNet.Evaluation.Tests.Suite;

/// <summary>Spearman's ρ, percentiles and the bootstrap draw against values worked out by hand.</summary>
public class StatisticsTests
{
    [Fact]
    public void Spearman_without_ties_is_one_minus_six_sum_d_squared_over_n_n2_minus_1()
    {
        // ranks differ by 1 at two places: Σd² = 2 → ρ = 1 − 6·2 / (4·15) = 0.8
        Assert.Equal(0.8, new Spearman([1, 2, 3, 4], [1, 3, 2, 4]).Rho()!.Value, 12);
    }

    [Fact]
    public void Spearman_gives_ties_their_mean_rank()
    {
        // x ranks 1, 2.5, 2.5, 4 against 1..4: cov 4.5, var 4.5 and 5 → 4.5 / √22.5
        Assert.Equal(4.5 / Math.Sqrt(22.5), new Spearman([1, 2, 2, 3], [1, 2, 3, 4]).Rho()!.Value, 12);
    }

    [Fact]
    public void Weighted_spearman_is_the_spearman_of_the_expanded_sample()
    {
        // weights 2,1,0,1 → x = 1,1,2,4 and y = 1,1,3,4: both rank 1.5,1.5,3,4 → ρ = 1
        var spearman = new Spearman([1, 2, 3, 4], [1, 3, 2, 4]);

        Assert.Equal(1.0, spearman.Rho([2, 1, 0, 1])!.Value, 12);
        Assert.Equal(new Spearman([1, 1, 2, 4], [1, 1, 3, 4]).Rho()!.Value, spearman.Rho([2, 1, 0, 1])!.Value, 12);
        Assert.Null(spearman.Rho([0, 0, 0, 0]));
    }

    [Fact]
    public void Spearman_is_undefined_for_a_constant_side()
    {
        Assert.Null(new Spearman([1, 1, 1], [1, 2, 3]).Rho());
    }

    [Fact]
    public void Percentiles_interpolate_between_order_statistics()
    {
        double[] sorted = [1, 2, 3, 4, 5];

        Assert.Equal(1.1, Estimate.Percentile(sorted, 0.025), 12); // position 0.1
        Assert.Equal(4.9, Estimate.Percentile(sorted, 0.975), 12); // position 3.9
        Assert.Equal(3.0, Estimate.Percentile(sorted, 0.5), 12);
    }

    [Fact]
    public void A_bootstrap_draw_has_n_units_and_depends_only_on_seed_stream_and_replicate()
    {
        var (first, again, other) = (new int[50], new int[50], new int[50]);
        BootstrapWeights.Draw(first, seed: 7, stream: 1, replicate: 3);
        BootstrapWeights.Draw(again, seed: 7, stream: 1, replicate: 3);
        BootstrapWeights.Draw(other, seed: 8, stream: 1, replicate: 3);

        Assert.Equal(50, first.Sum());
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }
}
