using System.Security.Cryptography;
using AligNet.Ml.Generation;

namespace AligNet.Ml.Tests.Generation;

/// <summary>The data set as a whole: determinism, resumption, distinctness, the validation split and the stored labels.</summary>
public class TripletGeneratorTests
{
    private static readonly GenerationWorld World = new(classes: 5, perClass: 20, dimensions: 12);
    private static GenerationOptions Options(long seed = 7, int threads = 2) =>
        new(Count: 3000, Clusters: 8, Mixture: "between_class=0.2,within_class=0.1,class_border=0.1,between_cluster=0.2,within_cluster=0.1,cluster_border=0.1,random=0.2",
            Seed: seed, Validation: 250, ShardSize: 400, Threads: threads);

    private static Dictionary<string, string> Hashes(string directory) =>
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(directory, f), f => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f))));

    [Fact]
    public async Task The_same_seed_gives_byte_identical_files_with_one_or_two_threads_and_another_seed_does_not()
    {
        var (one, two, other) = (GenerationWorld.TempDirectory(), GenerationWorld.TempDirectory(), GenerationWorld.TempDirectory());

        await World.GenerateAsync(Options(threads: 1), one);
        await World.GenerateAsync(Options(threads: 2), two);
        await World.GenerateAsync(Options(seed: 8), other);

        var expected = Hashes(one);
        Assert.Equal(1 + 1 + 8, expected.Count); // manifest, one validation shard, 8 training shards
        Assert.Equal(expected, Hashes(two));
        Assert.NotEqual(expected["train/shard-00000.parquet"], Hashes(other)["train/shard-00000.parquet"]);
    }

    [Fact]
    public async Task A_run_stopped_after_two_shards_resumes_to_the_same_files_as_an_uninterrupted_run()
    {
        var (whole, stopped) = (GenerationWorld.TempDirectory(), GenerationWorld.TempDirectory());
        await World.GenerateAsync(Options(), whole);

        using var stop = new CancellationTokenSource();
        var progress = new StopAfter("train", 2, stop);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => World.GenerateAsync(Options(), stopped, progress, stop.Token));
        var partial = Hashes(stopped);
        Assert.Contains("train/shard-00001.parquet", partial.Keys);
        Assert.DoesNotContain("train/shard-00007.parquet", partial.Keys);
        Assert.DoesNotContain(partial.Keys, k => k.EndsWith(".tmp", StringComparison.Ordinal));
        // What a kill during a write leaves behind: a temporary file, and a shard the manifest never recorded.
        await File.WriteAllTextAsync(Path.Combine(stopped, "train", "shard-00005.parquet.tmp"), "half", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(stopped, "train", "shard-00006.parquet"), "unrecorded", TestContext.Current.CancellationToken);

        var resumed = await World.GenerateAsync(Options(threads: 1), stopped);

        Assert.True(resumed.ShardsReused >= 3);
        Assert.Equal(Hashes(whole), Hashes(stopped));
    }

    [Fact]
    public async Task A_damaged_shard_is_generated_again_and_a_complete_data_set_is_left_alone()
    {
        var directory = GenerationWorld.TempDirectory();
        await World.GenerateAsync(Options(), directory);
        var expected = Hashes(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "train", "shard-00003.parquet"), "damaged", TestContext.Current.CancellationToken);
        var manifestPath = Path.Combine(directory, DatasetManifest.FileName);
        await File.WriteAllTextAsync(manifestPath, (await File.ReadAllTextAsync(manifestPath, TestContext.Current.CancellationToken)).Replace("\"complete\": true", "\"complete\": false"), TestContext.Current.CancellationToken);

        var repaired = await World.GenerateAsync(Options(), directory);
        var again = await World.GenerateAsync(Options(), directory);

        Assert.Equal(expected, Hashes(directory));
        Assert.Equal(4, repaired.ShardsReused); // validation + train 0–2
        Assert.Equal(9, again.ShardsReused); // 1 validation + 8 training shards, nothing generated
    }

    [Fact]
    public async Task Triplets_are_distinct_across_the_data_set_and_validation_is_disjoint_from_training()
    {
        var result = await World.GenerateAsync(Options(), GenerationWorld.TempDirectory());
        var seen = new Dictionary<(int, int, int), string>();
        foreach (var (folder, shard) in await GenerationWorld.ReadAllAsync(result))
        {
            for (var r = 0; r < shard.I.Length; r++)
            {
                int[] sorted = [.. new[] { shard.I[r], shard.J[r], shard.K[r] }.Order()];
                Assert.True(seen.TryAdd((sorted[0], sorted[1], sorted[2]), folder), $"{string.Join(",", sorted)} twice");
            }
        }
        Assert.Equal(3250, seen.Count);
        Assert.Equal(250, seen.Values.Count(f => f == "validation"));
        Assert.Equal(3000, result.Manifest.TrainEntropyHistogram.Sum());
    }

    /// <summary>softmax(stored logits) is the teacher's own distribution (TeacherModel in float64), and k is its odd one out.</summary>
    [Fact]
    public async Task Stored_soft_labels_equal_the_teachers_distribution_with_the_odd_one_out_last()
    {
        var result = await World.GenerateAsync(Options(), GenerationWorld.TempDirectory());
        var teacher = World.Teacher.OddOneOut(World.Embeddings);
        var rows = 0;
        foreach (var (_, shard) in await GenerationWorld.ReadAllAsync(result))
        {
            for (var r = 0; r < shard.I.Length; r++, rows++)
            {
                var (i, j, k) = (shard.I[r], shard.J[r], shard.K[r]);
                var stored = SoftLabels.Softmax(shard.LogitIj[r], shard.LogitIk[r], shard.LogitJk[r]);
                var (pk, pj, pi) = teacher.Probabilities(i, j, k);
                Assert.Equal(pk, stored.Ij, 1e-5);
                Assert.Equal(pj, stored.Ik, 1e-5);
                Assert.Equal(pi, stored.Jk, 1e-5);
                var (sij, sik, sjk) = teacher.PairSimilarities(i, j, k);
                Assert.Equal(sij / World.Teacher.Temperature, shard.LogitIj[r], 1e-4);
                Assert.True(shard.LogitIj[r] >= shard.LogitIk[r] && shard.LogitIj[r] >= shard.LogitJk[r], "the most similar pair comes first");
                if (teacher.PredictOdd(i, j, k) is { } odd && Math.Abs(sij - Math.Max(sik, sjk)) > 1e-4) Assert.Equal(k, odd);
                Assert.Equal(World.Ids[i], shard.IdI![r]);
            }
        }
        Assert.Equal(3250, rows);
    }

    private sealed class StopAfter(string stage, long shards, CancellationTokenSource stop) : IGenerationProgress
    {
        private long seen;

        public void Report(GenerationProgress p)
        {
            if (p.Stage == stage && ++seen == shards) stop.Cancel();
        }
    }
}
