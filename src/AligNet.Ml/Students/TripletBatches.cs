namespace AligNet.Ml.Students;

/// <summary>
/// Which training rows step s uses: epoch e is a permutation drawn from (seed, e), cut into ⌊N / B⌋ batches of B rows
/// (the remainder of each epoch is left out). A pure function of the step, so a resumed run needs no sampler state.
/// </summary>
internal sealed class TripletBatches(int rows, int batch, int seed)
{
    private readonly int size = Math.Min(batch, rows);
    private int[] order = [];
    private int epochInOrder = -1;

    public int Size => size;

    public int StepsPerEpoch => rows / size;

    /// <param name="step">1-based step.</param>
    public ReadOnlySpan<int> Rows(int step)
    {
        var epoch = (step - 1) / StepsPerEpoch;
        if (epoch != epochInOrder)
        {
            order = [.. Enumerable.Range(0, rows)];
            // Not HashCode.Combine: it is salted per process, and a resumed run must draw the same permutation.
            new Random(unchecked(seed * 1_000_003 + epoch) & int.MaxValue).Shuffle(order);
            epochInOrder = epoch;
        }
        return order.AsSpan((step - 1) % StepsPerEpoch * size, size);
    }
}
