using AligNet.Evaluation.Embeddings;
using AligNet.Evaluation.Metrics;
using AligNet.Evaluation.Suite;
using AligNet.Evaluation.Triplets;

namespace AligNet.Evaluation.Tests.Suite;

/// <summary>The per-triplet (entropy, RT) sample behind rt_rho, on hand-made data (as in RtAndRsaTests).</summary>
public class RtPointsTests
{
    private static readonly EmbeddingMatrix Items = new(4, 2, [1, 0, 1, 0, 0, 1, 0, 0]);

    private static readonly TripletResponse[] Responses =
    [
        new(0, 1, 2, "a") { RtMs = 1000 }, new(1, 0, 2, "b") { RtMs = 1000 },
        new(0, 1, 3, "a") { RtMs = 1000 }, new(0, 3, 1, "b") { RtMs = 4000 },
        new(0, 2, 3, "a") { RtMs = 3000 }, new(0, 3, 2, "b") { RtMs = 3000 },
    ];

    [Fact]
    public void Each_triplet_with_an_rt_is_a_point_of_its_model_entropy_and_geometric_mean_rt()
    {
        var report = EvaluationSuite.Evaluate(Responses, [new("model", new OddOneOutModel(Items, SimilarityKind.Dot), 1.0)], null, null, new SuiteOptions(0));

        // Geometric means: 1000, √(1000 · 4000) = 2000, 3000 ms. Entropy at T = 1: {0,1,2} and {0,1,3} see
        // similarities (1, 0, 0) → softmax(1, 0, 0); {0,2,3} sees (0, 0, 0) → uniform, ln 3.
        var e = Math.E;
        var peaked = -(e / (e + 2) * Math.Log(e / (e + 2)) + 2 / (e + 2) * Math.Log(1 / (e + 2)));
        var points = report.RtPoints!.Points.OrderBy(p => p.RtMs).ToList();
        Assert.Equal(3, report.RtPoints.Total);
        Assert.Equal([1000, 2000, 3000], points.Select(p => Math.Round(p.RtMs, 9)));
        Assert.Equal([peaked, peaked, Math.Log(3)], points.Select(p => p.Entropy[0]), (a, b) => Math.Abs(a - b) < 1e-12);
        Assert.Equal(3, SuiteReportJson.ToJson(report)["rt_points"]!["points"]!.AsArray().Count);
    }

    [Fact]
    public void The_sample_is_bounded_and_spread_evenly_over_the_triplets()
    {
        var table = TripletTable.Build(Responses, null);
        var scores = new ModelScores(new OddOneOutModel(Items, SimilarityKind.Dot), table);
        ModelColumns[][] columns = [[new ModelColumns(scores, table, 1.0)]];

        var sample = RtSample.From(table, columns, limit: 2)!;

        Assert.Equal(3, sample.Total); // all three triplets had an RT; two are kept: indices 0 and ⌊1 · 3 / 2⌋ = 1
        Assert.Equal([1000.0, 2000.0], sample.Points.Select(p => Math.Round(p.RtMs, 9)));
    }

    [Fact]
    public void Without_reaction_times_there_are_no_points()
    {
        var report = EvaluationSuite.Evaluate([new TripletResponse(0, 1, 2)], [new("model", new OddOneOutModel(Items, SimilarityKind.Dot), 1.0)], null, null, new SuiteOptions(0));

        Assert.Null(report.RtPoints);
        Assert.Null(SuiteReportJson.ToJson(report)["rt_points"]);
    }
}
