namespace AligNet.Ml.Sampling;

/// <summary>
/// Seeded draws of distinct unordered triplets (i &lt; j &lt; k) over the allowed pool rows. Rejection sampling while
/// the request is a small share of all triplets; when it asks for more than half of them, every triplet is listed
/// and a seeded partial shuffle takes the first <c>count</c> (rejection would slow down near exhaustion).
/// </summary>
internal static class TripletCandidates
{
    /// <summary>Above this many triplets the full list is never built (it would not fit sensibly in memory).</summary>
    private const long EnumerationLimit = 4_000_000;

    public static IReadOnlyList<(int I, int J, int K)> Draw(int poolSize, int count, int seed, IReadOnlySet<int>? excluded)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(poolSize);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var allowed = Enumerable.Range(0, poolSize).Where(r => excluded is null || !excluded.Contains(r)).ToArray();
        long m = allowed.Length;
        var total = m < 3 ? 0 : m * (m - 1) * (m - 2) / 6;
        if (count > total)
        {
            throw new ArgumentException($"{count} distinct triplets were asked for, but {allowed.Length} allowed items make only {total}: ask for fewer or allow more items.", nameof(count));
        }
        var random = new Random(seed);
        return 2L * count > total && total <= EnumerationLimit ? Shuffled(allowed, count, random) : Rejected(allowed, count, random);
    }

    private static (int, int, int)[] Rejected(int[] allowed, int count, Random random)
    {
        var seen = new HashSet<(int, int, int)>(count);
        var result = new (int, int, int)[count];
        var n = allowed.Length;
        var filled = 0;
        while (filled < count)
        {
            var a = random.Next(n);
            var b = random.Next(n - 1);
            if (b >= a) b++;
            var c = random.Next(n - 2);
            if (c >= Math.Min(a, b)) c++;
            if (c >= Math.Max(a, b)) c++;
            var triplet = Sorted(allowed[a], allowed[b], allowed[c]);
            if (seen.Add(triplet)) result[filled++] = triplet;
        }
        return result;
    }

    private static (int, int, int)[] Shuffled(int[] allowed, int count, Random random)
    {
        var all = new List<(int, int, int)>();
        for (var a = 0; a < allowed.Length; a++)
            for (var b = a + 1; b < allowed.Length; b++)
                for (var c = b + 1; c < allowed.Length; c++) all.Add((allowed[a], allowed[b], allowed[c]));
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(all);
        for (var t = 0; t < count; t++) // partial Fisher–Yates: the first count places are a uniform sample
        {
            var pick = random.Next(t, span.Length);
            (span[t], span[pick]) = (span[pick], span[t]);
        }
        return span[..count].ToArray();
    }

    private static (int, int, int) Sorted(int a, int b, int c)
    {
        if (a > b) (a, b) = (b, a);
        if (b > c) (b, c) = (c, b);
        if (a > b) (a, b) = (b, a);
        return (a, b, c);
    }
}
