namespace AligNet.Domain.Designs;

/// <summary>Draws random triplets a person has not had yet.</summary>
internal static class TripletSampler
{
    private const int RandomAttempts = 200;

    /// <summary>Above this many possible triplets, running out by rejection sampling is practically impossible.</summary>
    private const long EnumerationLimit = 2_000_000;

    public static long DistinctTriplets(int poolSize) => poolSize < 3 ? 0 : (long)poolSize * (poolSize - 1) * (poolSize - 2) / 6;

    /// <summary>A uniformly random unused triplet, or null when the person has had every possible one.</summary>
    public static PlannedTriplet? DrawUnused(IReadOnlyList<DesignStimulus> pool, UsedTriplets used, Random random)
    {
        var n = pool.Count;
        if (n < 3) return null;
        for (var attempt = 0; attempt < RandomAttempts; attempt++)
        {
            var i = random.Next(n);
            var j = random.Next(n - 1);
            if (j >= i) j++;
            var k = random.Next(n - 2);
            if (k >= Math.Min(i, j)) k++;
            if (k >= Math.Max(i, j)) k++;
            if (!used.Contains(pool[i].Id, pool[j].Id, pool[k].Id)) return new PlannedTriplet(pool[i].Id, pool[j].Id, pool[k].Id);
        }
        return DistinctTriplets(n) <= EnumerationLimit ? DrawFromRemaining(pool, used, random) : null;
    }

    // Small pools near exhaustion: list what is left and pick from it.
    private static PlannedTriplet? DrawFromRemaining(IReadOnlyList<DesignStimulus> pool, UsedTriplets used, Random random)
    {
        var left = new List<(int, int, int)>();
        for (var i = 0; i < pool.Count; i++)
        for (var j = i + 1; j < pool.Count; j++)
        for (var k = j + 1; k < pool.Count; k++)
        {
            if (!used.Contains(pool[i].Id, pool[j].Id, pool[k].Id)) left.Add((i, j, k));
        }
        if (left.Count == 0) return null;
        var (a, b, c) = left[random.Next(left.Count)];
        return new PlannedTriplet(pool[a].Id, pool[b].Id, pool[c].Id);
    }
}
