using AligNet.Evaluation.Embeddings;
using AligNet.Evaluation.Transfer;

namespace AligNet.Evaluation.Tests.Suite;

/// <summary>Few-shot, BREEDS-style probe and retention on hand-made features with values known by construction.</summary>
public class TransferTests
{
    private static CategoryHierarchy Paths(params string[] paths) =>
        new(paths.Select(p => (IReadOnlyList<string>)p.Split('/', StringSplitOptions.RemoveEmptyEntries)).ToList());

    /// <summary>Three categories of 8 items, category c near axis c (a small item-specific offset on axis 3).</summary>
    private static (EmbeddingMatrix, CategoryHierarchy) Separated()
    {
        var values = new List<double>();
        var paths = new List<string>();
        for (var c = 0; c < 3; c++)
        {
            for (var i = 0; i < 8; i++)
            {
                var row = new double[4];
                row[c] = 1;
                row[3] = 0.01 * i;
                values.AddRange(row);
                paths.Add($"top/c{c}");
            }
        }
        return (new EmbeddingMatrix(24, 4, [.. values]), Paths([.. paths]));
    }

    [Fact]
    public void Few_shot_is_perfect_on_separated_categories_and_chance_on_identical_features()
    {
        var (features, hierarchy) = Separated();

        var perfect = FewShot.Evaluate(features, hierarchy, ways: 3, shots: 2, seeds: 2, episodesPerSeed: 10, bootstrap: 20, seed: 1);
        Assert.Equal(1.0, perfect.Accuracy!.Value);
        Assert.Equal([1.0, 1.0], perfect.PerSeed);
        Assert.Equal(20, perfect.Episodes);

        // identical features: every prototype ties and the first one wins, so only its class is right: 1 / ways
        var same = FewShot.Evaluate(new EmbeddingMatrix(24, 4, Enumerable.Repeat(1.0, 96).ToArray()), hierarchy, 3, 2, 1, 10, 0, 1);
        Assert.Equal(1.0 / 3, same.Accuracy!.Value, 12);
    }

    [Fact]
    public void Few_shot_refuses_too_few_categories_with_the_fix()
    {
        var (features, hierarchy) = Separated();

        var error = Assert.Throws<ArgumentException>(() => FewShot.Evaluate(features, hierarchy, 5, 1, 1, 1, 0, 1));
        Assert.Contains("5-way 1-shot needs 5 categories with at least 6 items each; the hierarchy has 3", error.Message);
    }

    [Fact]
    public void Retention_is_the_nearest_neighbour_accuracy_ratio()
    {
        // model: a = (1,0), b = (0,1) → every neighbour right. base: a1 = a2 = (1,0,0), b1 = (0,1,0), b2 = (0.8,0.6,0):
        // b2's neighbour is a1 (0.8 > 0.6), the others are right → 3/4; ratio 1 / 0.75.
        var hierarchy = Paths("x/a", "x/a", "x/b", "x/b");
        var model = new EmbeddingMatrix(4, 2, [1, 0, 1, 0, 0, 1, 0, 1]);
        var baseline = new EmbeddingMatrix(4, 3, [1, 0, 0, 1, 0, 0, 0, 1, 0, 0.8, 0.6, 0]);

        var r = Retention.Evaluate(model, baseline, hierarchy, bootstrap: 20, seed: 1);

        Assert.Equal((1.0, 0.75), (r.Model!.Value, r.Base!.Value));
        Assert.Equal(4.0 / 3, r.Ratio!.Value, 12);
    }

    [Fact]
    public void A_probe_on_features_that_code_the_top_category_transfers_to_unseen_subcategories()
    {
        // Two tops × 4 subcategories × 6 items: axis 0/1 codes the top; axes 2–9 code the subcategory weakly.
        var values = new List<double>();
        var paths = new List<string>();
        for (var top = 0; top < 2; top++)
        {
            for (var sub = 0; sub < 4; sub++)
            {
                for (var i = 0; i < 6; i++)
                {
                    var row = new double[10];
                    row[top] = 1;
                    row[2 + top * 4 + sub] = 0.3;
                    values.AddRange(row);
                    paths.Add($"t{top}/s{sub}");
                }
            }
        }

        var r = BreedsProbe.Evaluate(new EmbeddingMatrix(48, 10, [.. values]), Paths([.. paths]), seeds: 3, bootstrap: 20, seed: 1);

        Assert.Equal(2, r.TopCategories);
        Assert.Equal(1.0, r.Target!.Value);
        Assert.Equal(1.0, r.Source!.Value);
    }

    [Fact]
    public void A_hierarchy_file_with_the_wrong_line_count_names_the_fix()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("hierarchy-").FullName, "h.txt");
        File.WriteAllText(file, "animals/birds\nfood/fruit\n");

        var error = Assert.Throws<DataFormatException>(() => CategoryHierarchy.Read(file, 3));
        Assert.Contains("2 lines, but the embeddings have 3 rows: the hierarchy file needs one path per embedding row", error.Message);
    }
}
