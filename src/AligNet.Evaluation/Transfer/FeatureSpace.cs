using System.Numerics.Tensors;
using AligNet.Evaluation.Embeddings;

namespace AligNet.Evaluation.Transfer;

/// <summary>Features as unit-length rows, so that nearest neighbours and prototypes are compared by cosine.</summary>
internal static class FeatureSpace
{
    public static double Cosine(EmbeddingMatrix unit, int a, ReadOnlySpan<double> b) => TensorPrimitives.Dot<double>(unit.Row(a), b);

    public static double[] Mean(EmbeddingMatrix unit, IEnumerable<int> items)
    {
        var mean = new double[unit.Columns];
        var n = 0;
        foreach (var i in items)
        {
            TensorPrimitives.Add(mean, unit.Row(i), mean);
            n++;
        }
        TensorPrimitives.Divide(mean, Math.Max(n, 1), mean);
        var norm = Math.Sqrt(TensorPrimitives.Dot<double>(mean, mean));
        if (norm > 0) TensorPrimitives.Divide(mean, norm, mean);
        return mean;
    }
}
