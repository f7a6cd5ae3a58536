using AligNet.Ml.Generation;

namespace AligNet.Ml.Tests.Generation;

public class KMeansTests
{
    /// <summary>Well separated blobs (the items of a blob interleaved through the pool) come back as the clusters, whatever the seed.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Well_separated_blobs_are_recovered(int seed)
    {
        var world = new GenerationWorld(classes: 6, perClass: 40, dimensions: 16, spread: 0.5, seed: 11);
        var z = PreparedPool.From(world.Teacher, world.Pool(), 2).Representations;

        var fit = KMeans.Fit(z, new KMeansOptions(6, Seed: seed));

        Assert.True(fit.Converged);
        // The same partition: items share a cluster exactly when they share a blob.
        for (var a = 0; a < world.Items; a++)
        {
            for (var b = a + 1; b < world.Items; b++) Assert.Equal(world.Labels[a] == world.Labels[b], fit.Assignment[a] == fit.Assignment[b]);
        }
    }

    [Fact]
    public void The_assignment_does_not_depend_on_the_thread_count()
    {
        var world = new GenerationWorld(classes: 7, perClass: 50, dimensions: 24, spread: 8, seed: 2);
        var z = PreparedPool.From(world.Teacher, world.Pool(), 2).Representations;

        var one = KMeans.Fit(z, new KMeansOptions(9, Seed: 4, Threads: 1));
        var two = KMeans.Fit(z, new KMeansOptions(9, Seed: 4, Threads: 2));

        Assert.Equal(one.Assignment, two.Assignment);
        Assert.Equal(one.Inertia, two.Inertia);
    }

    [Fact]
    public void More_clusters_than_items_is_refused_with_the_largest_allowed_k()
    {
        var world = new GenerationWorld();
        var z = PreparedPool.From(world.Teacher, world.Pool(), 1).Representations;

        var error = Assert.Throws<GenerationException>(() => KMeans.Fit(z, new KMeansOptions(25)));

        Assert.Contains("choose at most 24", error.Message);
    }
}
