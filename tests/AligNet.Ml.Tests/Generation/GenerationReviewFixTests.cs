using AligNet.Ml.Generation;

namespace AligNet.Ml.Tests.Generation;

/// <summary>The review's generation fixes: exclusion lists, the default cluster count, item frequencies, UnAligNet labels.</summary>
public class GenerationReviewFixTests
{
    private static readonly GenerationOptions Base = new(1500, Clusters: 4, Mixture: "between_cluster=0.3,within_cluster=0.2,cluster_border=0.2,random=0.3", Seed: 9, Validation: 100, ShardSize: 600, Threads: 1);

    [Fact]
    public async Task Excluded_items_and_item_sets_never_enter_the_data_set()
    {
        var world = new GenerationWorld(classes: 4, perClass: 10);
        // Every item set of the first 12 items but those holding an excluded item; and items 3 and 17.
        var heldSets = new List<(int, int, int)>();
        for (var a = 0; a < 12; a++) for (var b = a + 1; b < 12; b++) for (var c = b + 1; c < 12; c++) heldSets.Add((a, b, c));
        var options = Base with { ExcludedItems = [3, 17], ExcludedItemSets = heldSets };
        var result = await world.GenerateAsync(options, GenerationWorld.TempDirectory());

        var held = heldSets.Select(s => TripletKeySet.Key(s.Item1, s.Item2, s.Item3)).ToHashSet();
        var rows = 0;
        foreach (var (_, content) in await GenerationWorld.ReadAllAsync(result))
        {
            for (var r = 0; r < content.I.Length; r++, rows++)
            {
                int[] items = [content.I[r], content.J[r], content.K[r]];
                Assert.DoesNotContain(3, items);
                Assert.DoesNotContain(17, items);
                Assert.DoesNotContain(TripletKeySet.Key(items[0], items[1], items[2]), held);
            }
        }
        Assert.Equal(1600, rows);
        Assert.Equal(2, result.Manifest.Parameters.ExcludedItems);
        Assert.Equal(heldSets.Count, result.Manifest.Parameters.ExcludedItemSets);
        Assert.NotNull(result.Manifest.Parameters.ExclusionSha256);
        Assert.Equal(38, result.Manifest.ItemFrequencies!["random"].Items);
    }

    [Fact]
    public async Task An_excluded_item_outside_the_pool_is_refused()
    {
        var world = new GenerationWorld();
        var error = await Assert.ThrowsAsync<GenerationException>(() => world.GenerateAsync(Base with { ExcludedItems = [999] }, GenerationWorld.TempDirectory()));
        Assert.Contains("0-based pool rows", error.Message);
    }

    [Theory]
    [InlineData(1_281_167, 500)] // ImageNet train: the paper's k
    [InlineData(50_000, 20)]
    [InlineData(1_854, 3)] // THINGS: at least 3, so that between_cluster is defined
    [InlineData(10, 3)]
    [InlineData(2, 2)] // never more clusters than items
    public void The_default_cluster_count_scales_with_the_pool(int items, int clusters) =>
        Assert.Equal(clusters, GenerationOptions.DefaultClusters(items));

    [Fact]
    public async Task The_default_cluster_count_is_resolved_and_recorded()
    {
        var world = new GenerationWorld(classes: 4, perClass: 10);
        var result = await world.GenerateAsync(Base with { Clusters = GenerationOptions.AutoClusters }, GenerationWorld.TempDirectory());
        Assert.Equal(3, result.Manifest.Parameters.Clusters);
        Assert.Equal(3, result.Manifest.Clusters!.Clusters);
    }

    [Fact]
    public async Task Item_frequencies_per_variant_add_up_and_no_item_is_oversampled_by_orders_of_magnitude()
    {
        var world = new GenerationWorld(classes: 4, perClass: 10);
        var result = await world.GenerateAsync(Base, GenerationWorld.TempDirectory());
        var frequencies = result.Manifest.ItemFrequencies!;
        Assert.Equal(result.Manifest.TrainCounts.Keys.Order(), frequencies.Keys.Order());
        foreach (var (variant, f) in frequencies)
        {
            // Each triplet holds three items: the mean over the 40 items is 3 × rows / 40.
            Assert.Equal(3.0 * result.Manifest.TrainCounts[variant] / 40, f.Mean, 9);
            Assert.Equal(40, f.Items);
            Assert.InRange(f.MaxOverMean, 1, 5);
            Assert.True(f.Median <= f.P99 && f.P99 <= f.Max);
        }
    }

    [Fact]
    public async Task Unaligned_labels_use_the_base_cosine_at_its_own_temperature_on_the_same_triplets()
    {
        var world = new GenerationWorld(classes: 4, perClass: 10);
        const double T = 0.05;
        var aligned = await world.GenerateAsync(Base, GenerationWorld.TempDirectory());
        var unaligned = await new TripletGenerator(Base with { Unaligned = true, BaseTemperature = T })
            .GenerateAsync(world.Teacher, world.Manifest, PreparedPool.From(world.Teacher, world.Pool(), 1, unaligned: true), GenerationWorld.TempDirectory(), TestContext.Current.CancellationToken);

        Assert.Equal(GenerationParameters.BaseLabels, unaligned.Manifest.Parameters.Labeller);
        Assert.Equal(T, unaligned.Manifest.Parameters.LabelTemperature);
        var a = await GenerationWorld.ReadAllAsync(aligned);
        var u = await GenerationWorld.ReadAllAsync(unaligned);
        var differentOdd = 0;
        for (var s = 0; s < a.Count; s++)
        {
            for (var r = 0; r < a[s].Content.I.Length; r++)
            {
                var (ai, aj, ak) = (a[s].Content.I[r], a[s].Content.J[r], a[s].Content.K[r]);
                var (ui, uj, uk) = (u[s].Content.I[r], u[s].Content.J[r], u[s].Content.K[r]);
                Assert.Equal(TripletKeySet.Key(ai, aj, ak), TripletKeySet.Key(ui, uj, uk)); // the same triplet in the same row
                if (ak != uk) differentOdd++;
                // logit_ij = cos(x_i, x_j) / T, worked out here from the embeddings.
                Assert.Equal(Cosine(world, ui, uj) / T, u[s].Content.LogitIj[r], 2);
                Assert.Equal(Cosine(world, uj, uk) / T, u[s].Content.LogitJk[r], 2);
                Assert.True(u[s].Content.LogitIj[r] >= Math.Max(u[s].Content.LogitIk[r], u[s].Content.LogitJk[r]));
            }
        }
        Assert.True(differentOdd > 0, "the base model and the teacher never disagreed: the test would not see a teacher label");
    }

    [Fact]
    public async Task Unaligned_labels_without_a_base_temperature_are_refused()
    {
        var world = new GenerationWorld();
        var error = await Assert.ThrowsAsync<GenerationException>(() => new TripletGenerator(Base with { Unaligned = true })
            .GenerateAsync(world.Teacher, world.Manifest, PreparedPool.From(world.Teacher, world.Pool(), 1, unaligned: true), GenerationWorld.TempDirectory(), TestContext.Current.CancellationToken));
        Assert.Contains("--base-temperature", error.Message);
    }

    private static double Cosine(GenerationWorld world, int a, int b)
    {
        var x = world.Embeddings.Row(a);
        var y = world.Embeddings.Row(b);
        double dot = 0, nx = 0, ny = 0;
        for (var d = 0; d < x.Length; d++) (dot, nx, ny) = (dot + x[d] * y[d], nx + x[d] * x[d], ny + y[d] * y[d]);
        return dot / Math.Sqrt(nx * ny);
    }
}
