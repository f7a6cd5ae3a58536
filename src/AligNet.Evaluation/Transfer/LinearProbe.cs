using System.Numerics.Tensors;
using AligNet.Evaluation.Embeddings;

namespace AligNet.Evaluation.Transfer;

/// <summary>
/// Multinomial logistic regression on unit-length features: full-batch gradient descent with momentum and a small L2
/// penalty, a fixed number of steps (deterministic). Small enough for a few thousand items × 512 features × tens of classes.
/// </summary>
internal sealed class LinearProbe
{
    private readonly double[] weights; // classes × (features + 1), the last column is the bias
    private readonly int features;

    private LinearProbe(double[] weights, int features, int classes) => (this.weights, this.features, Classes) = (weights, features, classes);

    public int Classes { get; }

    public static LinearProbe Fit(EmbeddingMatrix unit, int[] items, int[] labels, int classes, int steps = 150, double rate = 2.0, double l2 = 1e-4)
    {
        var width = unit.Columns + 1;
        var w = new double[classes * width];
        var velocity = new double[w.Length];
        var gradient = new double[w.Length];
        var p = new double[classes];
        for (var step = 0; step < steps; step++)
        {
            Array.Clear(gradient);
            for (var n = 0; n < items.Length; n++)
            {
                var x = unit.Row(items[n]);
                Scores(w, x, width, p);
                Softmax(p);
                p[labels[n]] -= 1;
                for (var c = 0; c < classes; c++)
                {
                    var g = gradient.AsSpan(c * width, width);
                    TensorPrimitives.MultiplyAdd(x, p[c], g[..^1], g[..^1]);
                    g[^1] += p[c];
                }
            }
            for (var i = 0; i < w.Length; i++)
            {
                var g = gradient[i] / items.Length + l2 * w[i];
                velocity[i] = 0.9 * velocity[i] - rate * g;
                w[i] += velocity[i];
            }
        }
        return new LinearProbe(w, unit.Columns, classes);
    }

    public int Predict(ReadOnlySpan<double> x)
    {
        var p = new double[Classes];
        Scores(weights, x, features + 1, p);
        return Array.IndexOf(p, p.Max());
    }

    private static void Scores(double[] w, ReadOnlySpan<double> x, int width, double[] scores)
    {
        for (var c = 0; c < scores.Length; c++) scores[c] = TensorPrimitives.Dot(w.AsSpan(c * width, width - 1), x) + w[c * width + width - 1];
    }

    private static void Softmax(double[] p)
    {
        var max = p.Max();
        double sum = 0;
        for (var c = 0; c < p.Length; c++) sum += p[c] = Math.Exp(p[c] - max);
        for (var c = 0; c < p.Length; c++) p[c] /= sum;
    }
}
