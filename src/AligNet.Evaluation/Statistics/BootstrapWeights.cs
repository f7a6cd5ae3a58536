namespace AligNet.Evaluation.Statistics;

/// <summary>
/// Seeded resampling with replacement, expressed as multiplicities: replicate r draws n units uniformly and
/// <c>w[u]</c> counts how often unit u was drawn. Every figure is then recomputed with those weights, so the same
/// draw serves all figures and both models of a paired comparison. Replicate r's draw depends only on
/// (seed, stream, r), never on threads or on the order replicates run in.
/// </summary>
public static class BootstrapWeights
{
    /// <summary>Fills <paramref name="weights"/> (length n) with the multiplicities of replicate <paramref name="replicate"/>.</summary>
    public static void Draw(int[] weights, long seed, int stream, int replicate)
    {
        Array.Clear(weights);
        var n = weights.Length;
        if (n == 0) return;
        var rng = new Random(unchecked((int)Mix(seed, stream, replicate)));
        for (var d = 0; d < n; d++) weights[rng.Next(n)]++;
    }

    /// <summary>Runs <paramref name="replicates"/> replicates in parallel, each with its own weight buffer.</summary>
    public static double[][] Run(int units, int replicates, long seed, int stream, int figures, Action<int[], double[]> compute)
    {
        var results = new double[replicates][];
        Parallel.For(0, replicates, () => new int[units], (r, _, weights) =>
        {
            Draw(weights, seed, stream, r);
            var row = new double[figures];
            Array.Fill(row, double.NaN);
            compute(weights, row);
            results[r] = row;
            return weights;
        }, _ => { });
        return results;
    }

    /// <summary>Column f of the replicate results.</summary>
    public static double[] Column(double[][] results, int figure) => results.Select(r => r[figure]).ToArray();

    // SplitMix64 finaliser over the three inputs: nearby seeds and replicates give unrelated streams.
    private static ulong Mix(long seed, int stream, int replicate)
    {
        var z = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)stream * 0xBF58476D1CE4E5B9UL + (ulong)replicate * 0x94D049BB133111EBUL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
