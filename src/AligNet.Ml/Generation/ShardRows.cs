namespace AligNet.Ml.Generation;

/// <summary>
/// One shard's triplets in column form, odd one out last: (i, j) is the pair the teacher finds most similar, k the odd
/// one out, and logit_xy = S_xy / T with S the dot product of the teacher's representations (METHOD.md §1). The soft
/// target is softmax(logit_ij, logit_ik, logit_jk) = [P(k odd), P(j odd), P(i odd)].
/// </summary>
public sealed class ShardRows(int capacity)
{
    public int[] I { get; } = new int[capacity];
    public int[] J { get; } = new int[capacity];
    public int[] K { get; } = new int[capacity];
    public float[] LogitIj { get; } = new float[capacity];
    public float[] LogitIk { get; } = new float[capacity];
    public float[] LogitJk { get; } = new float[capacity];
    public SamplingVariant[] Variant { get; } = new SamplingVariant[capacity];

    /// <summary>Scratch for the variant column as text, kept with the buffer so that no shard allocates it anew.</summary>
    internal string[] VariantNames { get; } = new string[capacity];
    public int Count { get; set; }

    /// <summary>
    /// Labels rows [0, Count) whose I &lt; J &lt; K hold the sorted triplet: reorders each so that the most similar pair
    /// comes first (ties to the earlier pair in the order ij, ik, jk) and stores the logits.
    /// </summary>
    public void Label(PoolVectors z, double temperature, ParallelOptions parallel)
    {
        const int Chunk = 8192;
        var inverse = 1.0 / temperature;
        Parallel.For(0, (Count + Chunk - 1) / Chunk, parallel, chunk => LabelRange(z, inverse, chunk * Chunk, Math.Min(Count, (chunk + 1) * Chunk)));
    }

    // Optimised from the first call: a run spends most of its time here, and tier-0 code would slow the first shard.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void LabelRange(PoolVectors z, double inverse, int start, int end)
    {
        for (var r = start; r < end; r++)
        {
            var (a, b, c) = (I[r], J[r], K[r]);
            var (ab, ac, bc) = z.TripletDots(a, b, c);
            if (ab >= ac && ab >= bc) Set(r, a, b, c, ab, ac, bc, inverse);
            else if (ac >= bc) Set(r, a, c, b, ac, ab, bc, inverse);
            else Set(r, b, c, a, bc, ab, ac, inverse);
        }
    }

    private void Set(int r, int i, int j, int k, float ij, float ik, float jk, double inverse)
    {
        (I[r], J[r], K[r]) = (i, j, k);
        LogitIj[r] = (float)(ij * inverse);
        LogitIk[r] = (float)(ik * inverse);
        LogitJk[r] = (float)(jk * inverse);
    }

    /// <summary>Entropy (nats) of the soft target of row r; between 0 and ln 3.</summary>
    public double Entropy(int r) => SoftLabels.Entropy(LogitIj[r], LogitIk[r], LogitJk[r]);
}

/// <summary>The soft target of a triplet from its stored logits.</summary>
public static class SoftLabels
{
    public static (double Ij, double Ik, double Jk) Softmax(double ij, double ik, double jk)
    {
        var max = Math.Max(ij, Math.Max(ik, jk));
        var (a, b, c) = (Math.Exp(ij - max), Math.Exp(ik - max), Math.Exp(jk - max));
        var sum = a + b + c;
        return (a / sum, b / sum, c / sum);
    }

    public static double Entropy(double ij, double ik, double jk)
    {
        var (a, b, c) = Softmax(ij, ik, jk);
        static double Term(double p) => p > 0 ? -p * Math.Log(p) : 0;
        return Term(a) + Term(b) + Term(c);
    }
}
