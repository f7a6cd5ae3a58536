using AligNet.Evaluation.Embeddings;
using AligNet.Evaluation.Metrics;
using AligNet.Evaluation.Triplets;
using AligNet.TestSupport;

namespace AligNet.Evaluation.Tests;

/// <summary>
/// The evaluation core reproduces the published figures on the real THINGS data (../shared/data/things/README.md).
/// The data folder is configurable (ALIGNET_SHARED_DATA); the tests skip, saying why, only when it is absent.
/// </summary>
public class ThingsReferenceFiguresTests
{
    private static string Things => Path.Combine(RepoPaths.SharedData, "things");

    private static string File(string name)
    {
        var path = Path.Combine(Things, name);
        if (!System.IO.File.Exists(path)) Assert.Skip($"THINGS data not found at {path} (set ALIGNET_SHARED_DATA to the shared data folder).");
        return path;
    }

    private static OddOneOutReport Evaluate(string embeddings, string triplets, TripletFormat format, SimilarityKind similarity, bool reorder = false)
    {
        var matrix = EmbeddingFiles.Read(File(embeddings));
        var order = reorder ? IndexListReader.Read(File("sortindex.txt")) : null;
        var responses = TripletFileReader.Read(File(triplets), format, matrix.Rows, order);
        return OddOneOutEvaluator.Evaluate(new OddOneOutModel(matrix, similarity), responses);
    }

    [Fact]
    public void The_between_person_noise_ceiling_of_test_triplets_is_0_672()
    {
        var report = Evaluate("clip_vit_b32_things_order.npy", "test_triplets.tsv", TripletFormat.Choice, SimilarityKind.Cosine, reorder: true);

        Assert.Equal(20_000, report.Responses);
        Assert.Equal(1_000, report.Triplets);
        Assert.Equal(0.672, report.NoiseCeiling!.Value, 0.0005);
    }

    [Fact]
    public void SPoSE_predicts_test_10_at_0_640_with_the_dot_product()
    {
        var report = Evaluate("spose49_embedding_things_order.npy", "test_10.txt", TripletFormat.OddLast, SimilarityKind.Dot);

        Assert.Equal(50_000, report.Responses);
        Assert.Equal(0.640, report.Accuracy, 0.0005);
    }

    [Fact]
    public void CLIP_ViT_B32_predicts_test_10_at_0_484_with_cosine()
    {
        var report = Evaluate("clip_vit_b32_things_order.npy", "test_10.txt", TripletFormat.OddLast, SimilarityKind.Cosine);

        Assert.Equal(0.484, report.Accuracy, 0.0005);
    }

    [Fact]
    public void VICE_predicts_test_triplets_at_0_636_per_response()
    {
        // VICE's embedding is in raw order, like test_triplets.tsv, so no reorder list.
        var report = Evaluate("vice_things_embedding.npy", "test_triplets.tsv", TripletFormat.Choice, SimilarityKind.Dot);

        Assert.Equal(0.636, report.Accuracy, 0.0005);
    }
}
