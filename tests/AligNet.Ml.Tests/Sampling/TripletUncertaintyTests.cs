using AligNet.Evaluation.Embeddings;
using AligNet.Ml.Sampling;
using AligNet.Ml.Teacher;

namespace AligNet.Ml.Tests.Sampling;

/// <summary>
/// The scorer against values worked by hand (closed-form softmax and entropy, computed with Python's math module):
/// a 3-item pool x0 = (1, 0), x1 = (0, 1), x2 = (1, 1) under an identity teacher (μ = 0, σ = 1, W = I, b = 0).
/// </summary>
public class TripletUncertaintyTests
{
    private static readonly EmbeddingMatrix ThreeItems = new(3, 2, [1, 0, 0, 1, 1, 1]);

    internal static TeacherModel Teacher(double[] weight, double temperature, EmbeddingMatrix x) =>
        new(x.Columns, weight, new double[x.Columns], 0, 1, temperature, EmbeddingFingerprint.Of(x));

    [Fact]
    public void Entropy_is_that_of_the_calibrated_softmax_worked_by_hand()
    {
        // S = [S01, S02, S12] = [0, 1, 1]; at T = 0.5: softmax([0, 2, 2]) = [1, e², e²] / (1 + 2e²)
        // = [0.0633789383, 0.4683105308, 0.4683105308]; entropy 0.8853815523455887 nats.
        var teacher = Teacher([1, 0, 0, 1], 0.5, ThreeItems);

        var scores = TripletUncertainty.Score(teacher, ThreeItems, [(0, 1, 2)], UncertaintyScore.Entropy);

        Assert.Equal(0.8853815523455887, scores[0], 12);
        var (k, j, i) = teacher.OddOneOut(ThreeItems).Probabilities(0, 1, 2);
        Assert.Equal(0.06337893833303762, k, 12);
        Assert.Equal(0.4683105308334812, j, 12);
        Assert.Equal(TripletUncertainty.Entropy(k, j, i), scores[0], 12);
    }

    [Fact]
    public void Entropy_does_not_depend_on_the_order_of_the_three_items_and_peaks_at_ln_3()
    {
        var teacher = Teacher([1, 0, 0, 1], 1, ThreeItems);
        var scores = TripletUncertainty.Score(teacher, ThreeItems, [(0, 1, 2), (2, 0, 1), (1, 2, 0)], UncertaintyScore.Entropy);
        Assert.All(scores, s => Assert.Equal(1.0173572075552149, s, 12)); // softmax([0, 1, 1]) by hand

        var equidistant = new EmbeddingMatrix(3, 2, [0, 0, 0, 0, 0, 0]); // every similarity 0: uniform
        var flat = Teacher([1, 0, 0, 1], 1, equidistant);
        Assert.Equal(Math.Log(3), TripletUncertainty.Score(flat, equidistant, [(0, 1, 2)], UncertaintyScore.Entropy)[0], 12);
    }

    [Fact]
    public void Ensemble_information_gain_is_zero_when_the_members_agree_and_matches_the_hand_worked_bald_value()
    {
        var a = Teacher([1, 0, 0, 1], 1, ThreeItems);   // S = [0, 1, 1]
        var b = Teacher([2, 0, 0, 0], 1, ThreeItems);   // z = (2,0), (0,0), (2,0): S = [0, 4, 0]

        Assert.Equal(0, TripletUncertainty.ScoreEnsemble([a, a, a], ThreeItems, [(0, 1, 2)], UncertaintyScore.ExpectedInformationGain)[0], 12);
        // H(mean) − mean(H) = 0.7986749876 − (1.0173572076 + 0.1773236759) / 2 = 0.2013345459
        Assert.Equal(0.20133454591564948, TripletUncertainty.ScoreEnsemble([a, b], ThreeItems, [(0, 1, 2)], UncertaintyScore.ExpectedInformationGain)[0], 12);
        Assert.Equal(0.7986749876235457, TripletUncertainty.ScoreEnsemble([a, b], ThreeItems, [(0, 1, 2)], UncertaintyScore.Entropy)[0], 12);
    }

    [Fact]
    public void Dimension_bootstrap_information_gain_is_zero_with_one_dimension_and_bounded_by_the_entropy()
    {
        // One dimension: every bootstrap draw picks it once, so every member is the teacher itself.
        var line = new EmbeddingMatrix(3, 1, [1, 2, -1]);
        var oneDimensional = Teacher([1], 1, line);
        Assert.Equal(0, TripletUncertainty.Score(oneDimensional, line, [(0, 1, 2)], UncertaintyScore.ExpectedInformationGain)[0], 12);

        var (x, _) = SamplingWorld.Pool(30, 6, seed: 3);
        var teacher = Teacher(SamplingWorld.Identity(6), 1, x);
        var candidates = TripletUncertainty.Candidates(30, 500, seed: 1);
        var gain = TripletUncertainty.Score(teacher, x, candidates, UncertaintyScore.ExpectedInformationGain);
        var entropy = TripletUncertainty.Score(teacher, x, candidates, UncertaintyScore.Entropy);
        Assert.All(gain, g => Assert.InRange(g, 0, Math.Log(3)));
        Assert.Contains(gain, g => g > 1e-3); // six dimensions disagree on some triplets
        Assert.Equal(gain, TripletUncertainty.Score(teacher, x, candidates, UncertaintyScore.ExpectedInformationGain)); // seeded
        Assert.NotEqual(gain, entropy);
    }

    [Fact]
    public void Candidates_outside_the_pool_or_with_a_repeated_item_are_refused_by_name()
    {
        var teacher = Teacher([1, 0, 0, 1], 1, ThreeItems);
        Assert.Contains("outside the pool of 3", Assert.Throws<ArgumentException>(() => TripletUncertainty.Score(teacher, ThreeItems, [(0, 1, 3)], UncertaintyScore.Entropy)).Message);
        Assert.Contains("repeats an item", Assert.Throws<ArgumentException>(() => TripletUncertainty.Score(teacher, ThreeItems, [(0, 1, 1)], UncertaintyScore.Entropy)).Message);
    }
}
