using AligNet.Evaluation.Embeddings;
using AligNet.Evaluation.Robustness;
using AligNet.Evaluation.Transfer;

namespace AligNet.Evaluation.Tests.Robustness;

/// <summary>The shift probe on features whose answers are known: separable classes, the same pictures, and classes swapped.</summary>
public class ShiftProbeTests
{
    internal static EmbeddingMatrix Matrix(double[,] values) =>
        new(values.GetLength(0), values.GetLength(1), values.Cast<double>().ToArray());

    /// <summary>3 classes × 5 items: item i lies on axis (i / 5) plus a small jitter on two spare axes.</summary>
    internal static (EmbeddingMatrix Features, CategoryHierarchy Hierarchy) Separable()
    {
        var random = new Random(3);
        var values = new double[15, 5];
        for (var i = 0; i < 15; i++)
        {
            values[i, i / 5] = 1;
            values[i, 3] = 0.1 * random.NextDouble();
            values[i, 4] = 0.1 * random.NextDouble();
        }
        var paths = Enumerable.Range(0, 15).Select(i => (IReadOnlyList<string>)["things", $"class{i / 5}"]).ToList();
        return (Matrix(values), new CategoryHierarchy(paths));
    }

    /// <summary>The same items with their class axes rotated (class 0 on axis 1, 1 on 2, 2 on 0): every class looks like another.</summary>
    internal static EmbeddingMatrix Swapped(EmbeddingMatrix features)
    {
        var values = new double[features.Rows, features.Columns];
        for (var i = 0; i < features.Rows; i++)
        {
            var row = features.Row(i);
            for (var c = 0; c < 3; c++) values[i, (c + 1) % 3] = row[c];
            values[i, 3] = row[3];
            values[i, 4] = row[4];
        }
        return Matrix(values);
    }

    [Fact]
    public void Separable_classes_are_all_right_in_distribution_on_the_same_pictures_and_all_wrong_when_swapped()
    {
        var (features, hierarchy) = Separable();
        var result = ShiftProbe.Evaluate(features, [features, Swapped(features)], hierarchy, seeds: 3, bootstrap: 100, seed: 1);

        Assert.Equal(3, result.Classes);
        Assert.Equal(1.0, result.InDistribution!.Value);
        Assert.Equal(1.0, result.Shifts[0].HeldOut!.Value);
        Assert.Equal(1.0, result.Shifts[0].SameItems!.Value);
        Assert.Equal(0.0, result.Shifts[1].HeldOut!.Value);
        Assert.Equal(0.0, result.Shifts[1].SameItems!.Value);
    }

    [Fact]
    public void Shifted_features_of_another_shape_are_refused_with_the_fix()
    {
        var (features, hierarchy) = Separable();
        var error = Assert.Throws<ArgumentException>(() => ShiftProbe.Evaluate(features, [Matrix(new double[14, 5])], hierarchy, 1, 0, 0));
        Assert.Contains("the same items, in the same order, from the same model", error.Message);
    }
}
