namespace AligNet.Ml.Generation;

/// <summary>
/// Draws one candidate triplet of a variant (definitions on <see cref="SamplingVariant"/>): groups uniformly among
/// those the variant may use, items uniformly within a group. Candidates may repeat; the generator keeps distinct ones.
/// </summary>
internal sealed class TripletSampler(int poolSize, StimulusGroups? classes, StimulusGroups? clusters)
{
    public (int A, int B, int C) Draw(SamplingVariant variant, ref ShardRandom random) => variant switch
    {
        SamplingVariant.BetweenClass => Between(classes!, ref random),
        SamplingVariant.WithinClass => Within(classes!, ref random),
        SamplingVariant.ClassBorder => Border(classes!, ref random),
        SamplingVariant.BetweenCluster => Between(clusters!, ref random),
        SamplingVariant.WithinCluster => Within(clusters!, ref random),
        SamplingVariant.ClusterBorder => Border(clusters!, ref random),
        _ => Uniform(ref random),
    };

    /// <summary>Why the pool cannot supply a variant at all, or null when it can.</summary>
    public static string? Unsupported(SamplingVariant variant, int poolSize, StimulusGroups? classes, StimulusGroups? clusters)
    {
        var groups = variant.NeedsLabels() ? classes : clusters;
        var kind = variant.NeedsLabels() ? "classes" : "clusters";
        if (variant.NeedsLabels() && classes is null) return $"{variant.Name()} needs class labels, and this pool has none: pass --labels, or leave the *_class variants out of --mix";
        return variant switch
        {
            SamplingVariant.Random => poolSize < 3 ? $"random needs a pool of at least 3 items, not {poolSize}" : null,
            SamplingVariant.BetweenClass or SamplingVariant.BetweenCluster when groups!.NonEmpty.Length < 3 =>
                $"{variant.Name()} needs at least 3 non-empty {kind}, the pool has {groups.NonEmpty.Length}",
            SamplingVariant.WithinClass or SamplingVariant.WithinCluster when groups!.AtLeastThree.Length == 0 =>
                $"{variant.Name()} needs a {kind[..^1]} with at least 3 members, the pool has none",
            SamplingVariant.ClassBorder or SamplingVariant.ClusterBorder when groups!.AtLeastTwo.Length == 0 || groups.NonEmpty.Length < 2 =>
                $"{variant.Name()} needs a {kind[..^1]} with at least 2 members and another non-empty one",
            _ => null,
        };
    }

    /// <summary>How many distinct triplets of the variant the pool holds.</summary>
    public double Capacity(SamplingVariant variant)
    {
        double n = poolSize;
        if (variant == SamplingVariant.Random) return n * (n - 1) * (n - 2) / 6;
        var (between, within, border) = (variant.NeedsLabels() ? classes! : clusters!).Capacity();
        return variant switch
        {
            SamplingVariant.BetweenClass or SamplingVariant.BetweenCluster => between,
            SamplingVariant.WithinClass or SamplingVariant.WithinCluster => within,
            _ => border,
        };
    }

    private (int, int, int) Uniform(ref ShardRandom random)
    {
        var a = random.Next(poolSize);
        int b, c;
        do b = random.Next(poolSize); while (b == a);
        do c = random.Next(poolSize); while (c == a || c == b);
        return (a, b, c);
    }

    private static (int, int, int) Between(StimulusGroups groups, ref ShardRandom random)
    {
        var eligible = groups.NonEmpty;
        var g1 = eligible[random.Next(eligible.Length)];
        int g2, g3;
        do g2 = eligible[random.Next(eligible.Length)]; while (g2 == g1);
        do g3 = eligible[random.Next(eligible.Length)]; while (g3 == g1 || g3 == g2);
        return (Pick(groups, g1, ref random), Pick(groups, g2, ref random), Pick(groups, g3, ref random));
    }

    private static (int, int, int) Within(StimulusGroups groups, ref ShardRandom random)
    {
        var g = groups.AtLeastThree[random.Next(groups.AtLeastThree.Length)];
        var size = groups.Size(g);
        var p = random.Next(size);
        int q, r;
        do q = random.Next(size); while (q == p);
        do r = random.Next(size); while (r == p || r == q);
        return (groups.Member(g, p), groups.Member(g, q), groups.Member(g, r));
    }

    private static (int, int, int) Border(StimulusGroups groups, ref ShardRandom random)
    {
        var g = groups.AtLeastTwo[random.Next(groups.AtLeastTwo.Length)];
        var size = groups.Size(g);
        var p = random.Next(size);
        int q;
        do q = random.Next(size); while (q == p);
        int other;
        do other = groups.NonEmpty[random.Next(groups.NonEmpty.Length)]; while (other == g);
        return (groups.Member(g, p), groups.Member(g, q), Pick(groups, other, ref random));
    }

    private static int Pick(StimulusGroups groups, int group, ref ShardRandom random) => groups.Member(group, random.Next(groups.Size(group)));
}
