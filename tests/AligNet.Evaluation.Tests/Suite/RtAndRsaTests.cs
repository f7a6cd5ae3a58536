using AligNet.Evaluation.Embeddings;
using AligNet.Evaluation.Metrics;
using AligNet.Evaluation.Suite;
using AligNet.Evaluation.Triplets;

namespace AligNet.Evaluation.Tests.Suite;

/// <summary>Entropy vs reaction time and RSA on hand-made data, values worked out by hand.</summary>
public class RtAndRsaTests
{
    private static readonly EmbeddingMatrix Items = new(4, 2, [1, 0, 1, 0, 0, 1, 0, 0]);

    [Fact]
    public void Entropy_vs_log_rt_is_computed_for_the_model_and_the_humans()
    {
        // {0,1,2}: both choose 2 (human entropy 0), 1 s;  {0,1,3}: 3 and 1 (ln 2), 2 s;  {0,2,3}: 3 and 2 (ln 2), 3 s.
        // Human: ranks x = 1, 2.5, 2.5 vs y = 1, 2, 3 → ρ = 1.5 / √(1.5 · 2) = √3 / 2.
        // Model (T = 1): {0,1,2} and {0,1,3} both softmax([1,0,0]), {0,2,3} uniform (ln 3, largest) → the same ranks → √3 / 2.
        TripletResponse[] responses =
        [
            new(0, 1, 2, "a") { RtMs = 1000 }, new(1, 0, 2, "b") { RtMs = 1000 },
            new(0, 1, 3, "a") { RtMs = 2000 }, new(0, 3, 1, "b") { RtMs = 2000 },
            new(0, 2, 3, "a") { RtMs = 3000 }, new(0, 3, 2, "b") { RtMs = 3000 },
        ];

        var report = EvaluationSuite.Evaluate(responses, [new("model", new OddOneOutModel(Items, SimilarityKind.Dot), 1.0)], null, null, new SuiteOptions(50));

        Assert.Equal(Math.Sqrt(3) / 2, report.All.Human["rt_rho"]!.Value, 12);
        Assert.Equal(Math.Sqrt(3) / 2, report.All.Models[0]["rt_rho"]!.Value, 12);
    }

    [Fact]
    public void Without_reaction_times_the_rt_figures_are_null()
    {
        var report = EvaluationSuite.Evaluate([new TripletResponse(0, 1, 2)], [new("model", new OddOneOutModel(Items, SimilarityKind.Dot), 1.0)], null, null, new SuiteOptions(0));

        Assert.Null(report.All.Human["rt_rho"]);
        Assert.Null(report.All.Models[0]["rt_rho"]);
    }

    [Fact]
    public void Rsa_is_the_spearman_rho_of_the_upper_triangles()
    {
        // z = 1, 2, 3, 4 (1-D, dot): model similarities 01=2, 02=3, 03=4, 12=6, 13=8, 23=12 → ranks 1..6.
        // Human: 01=1, 02=3, 03=2, 12=4, 13=5, 23=6 → ranks 1,3,2,4,5,6: Σd² = 2 → ρ = 1 − 12 / 210.
        var model = new OddOneOutModel(new EmbeddingMatrix(4, 1, [1, 2, 3, 4]), SimilarityKind.Dot);
        double[] human =
        [
            0, 1, 3, 2,
            1, 0, 4, 5,
            3, 4, 0, 6,
            2, 5, 6, 0,
        ];

        var rsa = RsaAnalysis.Evaluate(HumanSimilarity.FromMatrix(new EmbeddingMatrix(4, 4, human), 4, "h.npy"), [model], new SuiteOptions(50, 1));

        Assert.Equal(6, rsa.Pairs);
        Assert.Equal(1 - 12.0 / 210, rsa.Rho[0]!.Value, 12);
        Assert.Equal("imported", rsa.Source);
    }

    [Fact]
    public void Human_similarity_from_triplets_is_the_share_of_showings_kept_together()
    {
        // (0,1 | 2), (0,1 | 3), (2,3 | 0): pair 01 shown twice, kept twice; 02 shown twice (1st, 3rd), never kept; 23 once, kept.
        var human = HumanSimilarity.FromTriplets([new(0, 1, 2), new(0, 1, 3), new(2, 3, 0)], 4);

        Assert.Equal(1.0, human[0, 1]);
        Assert.Equal(0.0, human[0, 2]);
        Assert.Equal(1.0, human[2, 3]);
        Assert.Equal(0.0, human[1, 3]);
    }

    [Fact]
    public void An_imported_matrix_of_the_wrong_shape_is_refused()
    {
        var error = Assert.Throws<DataFormatException>(() => HumanSimilarity.FromMatrix(new EmbeddingMatrix(3, 3, new double[9]), 4, "h.npy"));

        Assert.Equal("h.npy: a 3 × 3 matrix; the human similarity matrix must be 4 × 4, one row and column per embedding row.", error.Message);
    }
}
