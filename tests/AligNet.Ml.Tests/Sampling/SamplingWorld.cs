using AligNet.Evaluation.Embeddings;

namespace AligNet.Ml.Tests.Sampling;

/// <summary>A small synthetic pool for the sampling tests: items in clusters (categories) in a few dimensions, plus noise.</summary>
internal static class SamplingWorld
{
    public static (EmbeddingMatrix X, IReadOnlyList<IReadOnlyList<string>> Paths) Pool(int items, int dimensions, int seed, int clusters = 4)
    {
        var random = new Random(seed);
        var centres = Enumerable.Range(0, clusters).Select(_ => Enumerable.Range(0, dimensions).Select(_ => random.NextDouble() * 2 - 1).ToArray()).ToArray();
        var values = new double[items * dimensions];
        var paths = new IReadOnlyList<string>[items];
        for (var r = 0; r < items; r++)
        {
            var cluster = r % clusters;
            for (var d = 0; d < dimensions; d++) values[r * dimensions + d] = centres[cluster][d] + 0.6 * (random.NextDouble() * 2 - 1);
            paths[r] = [cluster < clusters / 2 ? "living" : "made", $"c{cluster}"];
        }
        return (new EmbeddingMatrix(items, dimensions, values), paths);
    }

    public static double[] Identity(int p)
    {
        var w = new double[p * p];
        for (var d = 0; d < p; d++) w[d * p + d] = 1;
        return w;
    }
}
