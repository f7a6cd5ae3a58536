using System.Security.Cryptography;
using System.Text;

namespace AligNet.Ml.Generation;

/// <summary>
/// What a data set must leave out (items and item sets held out for evaluation): the pool rows that may be drawn,
/// the held-out triplets as keys, and a SHA-256 of both lists for the manifest.
/// </summary>
internal sealed class Exclusion
{
    private Exclusion(int[] drawable, HashSet<long> itemSets, bool excludes, string? sha256) =>
        (Drawable, ItemSets, Excludes, Sha256) = (drawable, itemSets, excludes, sha256);

    /// <summary>Pool rows that may appear in a triplet, ascending.</summary>
    public int[] Drawable { get; }

    /// <summary>Keys (<see cref="TripletKeySet.Key"/>) of the unordered triplets that may not be generated.</summary>
    public HashSet<long> ItemSets { get; }

    /// <summary>Whether any item is excluded (then sampler positions map through <see cref="Drawable"/>).</summary>
    public bool Excludes { get; }

    public string? Sha256 { get; }

    public static Exclusion From(GenerationOptions options, int poolRows)
    {
        var excluded = new HashSet<int>();
        foreach (var item in options.ExcludedItems)
        {
            if ((uint)item >= (uint)poolRows) throw new GenerationException($"excluded item {item} is not a row of the {poolRows}-item pool: list 0-based pool rows.");
            excluded.Add(item);
        }
        var sets = new HashSet<long>();
        foreach (var (a, b, c) in options.ExcludedItemSets)
        {
            if ((uint)a >= (uint)poolRows || (uint)b >= (uint)poolRows || (uint)c >= (uint)poolRows || a == b || a == c || b == c)
            {
                throw new GenerationException($"excluded item set ({a}, {b}, {c}) is not three distinct rows of the {poolRows}-item pool: list 0-based pool rows.");
            }
            sets.Add(TripletKeySet.Key(a, b, c));
        }
        var drawable = Enumerable.Range(0, poolRows).Where(i => !excluded.Contains(i)).ToArray();
        string? sha = null;
        if (excluded.Count > 0 || sets.Count > 0)
        {
            var text = "items:" + string.Join(',', excluded.Order()) + "\nsets:" + string.Join(',', sets.Order());
            sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        }
        return new Exclusion(drawable, sets, excluded.Count > 0, sha);
    }
}

/// <summary>How often each pool item appears in the training triplets, per variant (<see cref="ItemFrequency"/>).</summary>
internal sealed class ItemCounts(int poolRows)
{
    private static readonly Dictionary<string, SamplingVariant> ByName = SamplingVariants.All.ToDictionary(v => v.Name());
    private readonly int[]?[] counts = new int[SamplingVariants.All.Count][];

    public void Add(ShardRows rows)
    {
        for (var r = 0; r < rows.Count; r++) Add(rows.Variant[r], rows.I[r], rows.J[r], rows.K[r]);
    }

    public void Add(ShardFile.Content content)
    {
        for (var r = 0; r < content.I.Length; r++) Add(ByName[content.Variant[r]], content.I[r], content.J[r], content.K[r]);
    }

    private void Add(SamplingVariant variant, int i, int j, int k)
    {
        var c = counts[(int)variant] ??= new int[poolRows];
        c[i]++;
        c[j]++;
        c[k]++;
    }

    /// <summary>The distribution over the drawable items, per variant drawn at least once.</summary>
    public Dictionary<string, ItemFrequency> Summarise(int[] drawable)
    {
        var result = new Dictionary<string, ItemFrequency>();
        foreach (var variant in SamplingVariants.All)
        {
            if (counts[(int)variant] is not { } c) continue;
            var values = drawable.Select(i => (long)c[i]).Order().ToArray();
            var mean = values.Average();
            long Quantile(double q) => values[(int)Math.Min(values.Length - 1, Math.Floor(q * values.Length))];
            result[variant.Name()] = new ItemFrequency(values.Length, values.Count(v => v > 0), mean, Quantile(0.5), Quantile(0.99), values[^1], values[^1] / mean);
        }
        return result;
    }
}
