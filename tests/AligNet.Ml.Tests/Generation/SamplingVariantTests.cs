using AligNet.Ml.Generation;

namespace AligNet.Ml.Tests.Generation;

/// <summary>Each variant's definition (SamplingVariant's docs), checked on every triplet drawn from a 4 × 6 labelled pool.</summary>
public class SamplingVariantTests
{
    private static readonly GenerationWorld World = new();

    public static TheoryData<string> Variants => [.. SamplingVariants.All.Select(v => v.Name())];

    [Theory]
    [MemberData(nameof(Variants))]
    public async Task Every_triplet_satisfies_its_variants_definition(string name)
    {
        var variant = SamplingVariants.TryParse(name)!.Value;
        var directory = GenerationWorld.TempDirectory();
        var result = await World.GenerateAsync(new GenerationOptions(Count: 60, Clusters: World.Classes, Mixture: $"{name}=1", Seed: 3, Validation: 10, ShardSize: 25), directory);

        int[] groups = variant.NeedsClusters() ? Clusters() : [.. World.Labels.Select(l => int.Parse(l["class-".Length..]))];
        var rows = 0;
        foreach (var (_, shard) in await GenerationWorld.ReadAllAsync(result))
        {
            for (var r = 0; r < shard.I.Length; r++, rows++)
            {
                Assert.Equal(name, shard.Variant[r]);
                var (a, b, c) = (shard.I[r], shard.J[r], shard.K[r]);
                Assert.True(a != b && a != c && b != c, "three distinct items");
                var distinctGroups = new[] { groups[a], groups[b], groups[c] }.Distinct().Count();
                switch (variant)
                {
                    case SamplingVariant.BetweenClass or SamplingVariant.BetweenCluster: Assert.Equal(3, distinctGroups); break;
                    case SamplingVariant.WithinClass or SamplingVariant.WithinCluster: Assert.Equal(1, distinctGroups); break;
                    case SamplingVariant.ClassBorder or SamplingVariant.ClusterBorder: Assert.Equal(2, distinctGroups); break;
                }
            }
        }
        Assert.Equal(70, rows);
        Assert.Equal(60, result.Manifest.TrainCounts[name]);
        Assert.Equal(10, result.Manifest.ValidationCounts[name]);
    }

    [Fact]
    public async Task Random_triplets_cross_groups_and_a_mixture_meets_its_shares_exactly()
    {
        var world = new GenerationWorld(perClass: 12);
        var directory = GenerationWorld.TempDirectory();
        var result = await world.GenerateAsync(new GenerationOptions(1000, World.Classes, "random=0.5,within_class=0.2,class_border=0.3", Seed: 9, Validation: 0, ShardSize: 300), directory);

        Assert.Equal(new Dictionary<string, long> { ["within_class"] = 200, ["class_border"] = 300, ["random"] = 500 }, result.Manifest.TrainCounts);
        var shapes = (await GenerationWorld.ReadAllAsync(result)).SelectMany(s => Enumerable.Range(0, s.Content.I.Length)
            .Where(r => s.Content.Variant[r] == "random")
            .Select(r => new[] { s.Content.I[r], s.Content.J[r], s.Content.K[r] }.Select(i => world.Labels[i]).Distinct().Count())).ToHashSet();
        Assert.Equal([1, 2, 3], shapes.Order());
    }

    private static int[] Clusters()
    {
        var prepared = PreparedPool.From(World.Teacher, World.Pool(), 1);
        return KMeans.Fit(prepared.Representations, new KMeansOptions(World.Classes, 25, 1e-4, Seed: 3, Threads: 1)).Assignment;
    }
}
