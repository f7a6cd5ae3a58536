using AligNet.Evaluation.Embeddings;
using AligNet.Evaluation.Levels;
using AligNet.Evaluation.Metrics;
using AligNet.Evaluation.Suite;
using AligNet.Evaluation.Triplets;

namespace AligNet.Evaluation.Tests.Suite;

/// <summary>
/// The suite's figures on hand-made responses, each worked out by hand in the comments (same items as
/// OddOneOutMetricsTests: z0 = z1 = (1, 0), z2 = (0, 1), z3 = (0, 0), dot similarity).
/// Triplet {0,1,2} (boundary: animal, animal, food) is answered 3×: odd 2, 2, 1 → counts [0, 1, 2], the model says 2.
/// Triplet {0,2,3} (uncategorised: item 3 has no category) is answered once, odd 3; the model ties (wrong).
/// </summary>
public class SuiteFiguresTests
{
    private static readonly double P = Math.E / (Math.E + 2);
    private static readonly double Q = 1 / (Math.E + 2);
    private static readonly EmbeddingMatrix Items = new(4, 2, [1, 0, 1, 0, 0, 1, 0, 0]);
    private static readonly ItemCategories Categories = new(["animal", "food"], [[0], [0], [1], []]);

    private static readonly TripletResponse[] Responses =
    [
        new(0, 1, 2, "s1") { RtMs = 1000 }, new(1, 0, 2, "s2") { RtMs = 2000 }, new(0, 2, 1, "s1") { RtMs = 4000 }, new(0, 2, 3, "s2") { RtMs = 1500 },
    ];

    private static SuiteReport Run(int bootstrap = 0, bool paired = false)
    {
        var model = new OddOneOutModel(Items, SimilarityKind.Dot);
        SuiteModel[] models = paired ? [new("model", model, 1.0), new("baseline", model, 1.0)] : [new("model", model, 1.0)];
        return EvaluationSuite.Evaluate(Responses, models, Categories, null, new SuiteOptions(bootstrap, Seed: 5));
    }

    [Fact]
    public void Human_and_model_figures_per_level_match_the_hand_worked_values()
    {
        var report = Run();
        var boundary = report.Levels["boundary"];

        Assert.Equal(["boundary", "uncategorised"], report.Levels.Keys.Order());
        Assert.Equal((3, 1), (boundary.Responses, boundary.Triplets));
        Assert.Equal(2.0 / 3, boundary.Models[0]["accuracy"]!.Value, 12);
        Assert.Equal(1.0, boundary.Models[0]["majority_accuracy"]!.Value, 12);
        Assert.Equal(2.0 / 3, boundary.Human["noise_ceiling"]!.Value, 12);
        // leave-one-out: the two "2" responses see others [0,1,1] → ½ each; the "1" response sees [0,0,2] → 0
        Assert.Equal(1.0 / 3, boundary.Human["loo_ceiling"]!.Value, 12);
        Assert.Equal(-(1.0 / 3 * Math.Log(1.0 / 3) + 2.0 / 3 * Math.Log(2.0 / 3)), boundary.Human["human_entropy"]!.Value, 12);
        Assert.Equal(2.0 / 6, boundary.Human["human_agreement"]!.Value, 12); // (1·0 + 2·1) / (3·2)

        var uncategorised = report.Levels["uncategorised"];
        Assert.Equal(0.0, uncategorised.Models[0]["accuracy"]!.Value);
        Assert.Null(uncategorised.Human["noise_ceiling"]); // answered once: no ceiling
    }

    [Fact]
    public void Overall_accuracy_nll_and_ece_match_the_hand_worked_values()
    {
        var all = Run().All.Models[0];

        Assert.Equal(0.5, all["accuracy"]!.Value, 12);
        Assert.Equal(0.5, all["majority_accuracy"]!.Value, 12);
        Assert.Equal((-2 * Math.Log(P) - Math.Log(Q) + Math.Log(3)) / 4, all["nll"]!.Value, 12);
        // bin 5 (confidence P): 3 responses, 2 right; bin 3 (confidence ⅓): 1 response, 0 right
        Assert.Equal(0.75 * Math.Abs(2.0 / 3 - P) + 0.25 * (1.0 / 3), all["ece"]!.Value, 12);
        Assert.Equal(all["nll"]!.Value, all["nll_t1"]!.Value, 12);
    }

    [Fact]
    public void The_reliability_bins_hold_responses_confidence_and_accuracy()
    {
        var bins = Run().Calibration[0].Bins;

        Assert.Equal(3, bins[5].Responses);
        Assert.Equal(P, bins[5].Confidence!.Value, 12);
        Assert.Equal(2.0 / 3, bins[5].Accuracy!.Value, 12);
        Assert.Equal(1, bins[3].Responses);
        Assert.Null(bins[0].Accuracy);
    }

    [Fact]
    public void Intervals_are_seeded_and_lie_within_the_possible_resamples()
    {
        var first = Run(bootstrap: 200).All.Models[0]["accuracy"]!;
        var again = Run(bootstrap: 200).All.Models[0]["accuracy"]!;

        // resampling two triplets gives accuracy 4/6, 3/6 or 0
        Assert.Equal(first, again);
        Assert.InRange(first.CiLow!.Value, 0, 0.5);
        Assert.InRange(first.CiHigh!.Value, 0.5, 2.0 / 3 + 1e-12);
        Assert.NotNull(first.ParticipantCiLow); // every response names its participant
    }

    [Fact]
    public void A_model_compared_with_itself_has_a_paired_difference_of_exactly_zero()
    {
        var difference = Run(bootstrap: 100, paired: true).All.Difference!["accuracy"]!;

        Assert.Equal((0.0, 0.0, 0.0), (difference.Value, difference.CiLow!.Value, difference.CiHigh!.Value));
        Assert.Equal((0.0, 0.0), (difference.ParticipantCiLow!.Value, difference.ParticipantCiHigh!.Value));
    }

    [Fact]
    public void The_fitted_temperature_makes_the_model_match_the_human_choice_shares()
    {
        // {0,1,2}: S01 = 1, the other pairs 0; choices 2, 2, 0, 1 → the MLE has P(2 odd) = ½ = e^(1/T) / (e^(1/T) + 2) → T = 1 / ln 2
        TripletResponse[] responses = [new(0, 1, 2), new(0, 1, 2), new(1, 2, 0), new(0, 2, 1)];
        var report = EvaluationSuite.Evaluate(responses, [new("model", new OddOneOutModel(Items, SimilarityKind.Dot), null)], null, null, new SuiteOptions(0));

        Assert.Equal(1 / Math.Log(2), report.Models[0].Temperature, 5);
        Assert.Equal("fitted", report.Models[0].TemperatureSource);
        // at that T: P(2 odd) = ½ for the two "2" responses, ¼ for the others → NLL = (2 ln 2 + 2 ln 4) / 4 = 1.5 ln 2
        Assert.Equal(1.5 * Math.Log(2), report.All.Models[0]["nll"]!.Value, 6);
    }
}
