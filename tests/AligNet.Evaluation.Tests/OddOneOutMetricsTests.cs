using AligNet.Evaluation.Embeddings;
using AligNet.Evaluation.Metrics;
using AligNet.Evaluation.Triplets;

namespace AligNet.Evaluation.Tests;

/// <summary>
/// Metrics on four hand-made responses whose values were worked out by hand (see the comments), not by this code.
/// Items in 2-D with dot similarity: z0 = z1 = (1, 0), z2 = (0, 1), z3 = (0, 0).
/// Triplet {0,1,2}: S01 = 1, S02 = S12 = 0 → predicted odd 2; softmax([1,0,0]) = [e/(e+2), 1/(e+2), 1/(e+2)].
/// Triplet {0,2,3}: all similarities 0 → a three-way tie, which counts as wrong; probabilities 1/3 each.
/// </summary>
public class OddOneOutMetricsTests
{
    private static readonly double P = Math.E / (Math.E + 2); // 0.5761168847658291
    private static readonly double Q = 1 / (Math.E + 2);      // 0.21194155761708547

    private static readonly EmbeddingMatrix Items = new(4, 2, [1, 0, 1, 0, 0, 1, 0, 0]);

    private static readonly TripletResponse[] Responses =
    [
        new(0, 1, 2), // right: P(2 odd) = P
        new(0, 2, 1), // wrong (model says 2): P(1 odd) = Q
        new(1, 0, 2), // right again, same triplet
        new(0, 2, 3), // tie: wrong, P = 1/3
    ];

    private static OddOneOutReport Report() => OddOneOutEvaluator.Evaluate(new OddOneOutModel(Items, SimilarityKind.Dot), Responses);

    [Fact]
    public void Probabilities_are_the_softmax_over_the_three_pairs()
    {
        var (k, j, i) = new OddOneOutModel(Items, SimilarityKind.Dot).Probabilities(0, 1, 2);

        Assert.Equal(P, k, 12);
        Assert.Equal(Q, j, 12);
        Assert.Equal(Q, i, 12);
    }

    [Fact]
    public void A_temperature_divides_the_similarities()
    {
        // softmax([1,0,0] / 0.5) = e²/(e²+2)
        var (k, _, _) = new OddOneOutModel(Items, SimilarityKind.Dot, temperature: 0.5).Probabilities(0, 1, 2);

        Assert.Equal(Math.Exp(2) / (Math.Exp(2) + 2), k, 12);
    }

    [Fact]
    public void A_three_way_tie_predicts_nothing_and_counts_as_wrong()
    {
        Assert.Null(new OddOneOutModel(Items, SimilarityKind.Dot).PredictOdd(0, 2, 3));
        Assert.Equal(0.5, Report().Accuracy); // 2 of 4
    }

    [Fact]
    public void Nll_is_the_mean_negative_log_probability_of_the_human_choice()
    {
        // −(2 ln P + ln Q + ln 1/3) / 4
        Assert.Equal(0.9382366076160658, Report().Nll, 12);
    }

    [Fact]
    public void Ece_bins_the_max_probability_in_ten_equal_bins()
    {
        // bin [0.5, 0.6): 3 responses, 2 right, confidence P → 3/4 · |2/3 − P|; bin [0.3, 0.4): 1 wrong at 1/3 → 1/4 · 1/3
        Assert.Equal(0.15124566975896148, Report().Ece, 12);
    }

    [Fact]
    public void Majority_accuracy_and_the_ceilings_follow_the_per_triplet_counts()
    {
        var report = Report();

        Assert.Equal(2, report.Triplets);
        Assert.Equal(2, report.MajorityTriplets);        // {0,1,2} → 2 (2 of 3); {0,2,3} → 3 (1 of 1)
        Assert.Equal(0.5, report.MajorityAccuracy);      // right on {0,1,2}, tie on {0,2,3}
        Assert.Equal(2.0 / 3, report.NoiseCeiling!.Value, 12); // only {0,1,2} repeats: majority share 2/3
        // Leave one out on {0,1,2} (counts 1:1, 2:2): each "2" sees a 1–1 tie that includes it (½), the "1" sees 2 (0).
        Assert.Equal(1.0 / 3, report.LeaveOneOutCeiling!.Value, 12);
    }

    [Fact]
    public void Tied_majorities_are_masked_and_ceilings_are_absent_without_repeats()
    {
        var report = OddOneOutEvaluator.Evaluate(new OddOneOutModel(Items, SimilarityKind.Dot), [new(0, 1, 2), new(0, 2, 1)]);
        var single = OddOneOutEvaluator.Evaluate(new OddOneOutModel(Items, SimilarityKind.Dot), [new(0, 1, 2)]);

        Assert.Equal(0, report.MajorityTriplets);
        Assert.Null(report.MajorityAccuracy);
        Assert.Null(single.NoiseCeiling);
        Assert.Null(single.LeaveOneOutCeiling);
    }

    [Fact]
    public void Cosine_similarity_ignores_vector_length()
    {
        var scaled = new EmbeddingMatrix(3, 2, [10, 0, 0.5, 0.1, 0, 3]);

        var dot = new OddOneOutModel(scaled, SimilarityKind.Dot);
        var cosine = new OddOneOutModel(scaled, SimilarityKind.Cosine);

        Assert.Equal(5.0, dot.Similarity(0, 1), 12);
        Assert.Equal(0.5 / Math.Sqrt(0.26), cosine.Similarity(0, 1), 12);
        Assert.Equal(1.0, cosine.Similarity(2, 2), 12);
    }
}
