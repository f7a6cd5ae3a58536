using AligNet.Evaluation.Embeddings;
using AligNet.Ml.Generation;

namespace AligNet.Ml.Tests.Generation;

/// <summary>Every bad input of the issue ends in a <see cref="GenerationException"/> whose message names the fix.</summary>
public class GenerationBadInputTests
{
    private static readonly GenerationWorld World = new();

    private static async Task<string> RefusedAsync(GenerationOptions options, GenerationPool? pool = null, string? directory = null)
    {
        var error = await Assert.ThrowsAsync<GenerationException>(() =>
            new TripletGenerator(options).GenerateAsync(World.Teacher, World.Manifest, pool ?? World.Pool(), directory ?? GenerationWorld.TempDirectory(), TestContext.Current.CancellationToken));
        return error.Message;
    }

    [Fact]
    public async Task A_pool_smaller_than_a_triplet_is_refused()
    {
        var two = new EmbeddingMatrix(2, World.Embeddings.Columns, World.Embeddings.Values[..(2 * World.Embeddings.Columns)]);
        Assert.Contains("at least 3 distinct items", await RefusedAsync(new GenerationOptions(1, 1, "random=1"), new GenerationPool(two)));
    }

    [Fact]
    public async Task More_clusters_than_items_is_refused() =>
        Assert.Contains("--clusters 25 is larger than the pool (24 items)", await RefusedAsync(new GenerationOptions(10, 25)));

    [Theory]
    [InlineData("random=0.5,within_cluster=0.4", "sum to 0.9, not 1")]
    [InlineData("random=0.5,odd_ones=0.5", "unknown sampling variant 'odd_ones'")]
    [InlineData("random", "is not variant=share")]
    [InlineData("random=0.5,random=0.5", "names random twice")]
    public async Task A_malformed_mixture_is_refused(string mix, string expected)
    {
        var message = await RefusedAsync(new GenerationOptions(10, 4, mix));
        Assert.Contains(expected, message);
        if (expected.StartsWith("unknown", StringComparison.Ordinal)) Assert.Contains(SamplingVariants.ValidNames, message);
    }

    [Fact]
    public async Task A_class_variant_without_labels_is_refused() =>
        Assert.Contains("need class labels", await RefusedAsync(new GenerationOptions(10, 4, "within_class=0.5,random=0.5"), World.Pool(labels: false)));

    [Fact]
    public async Task More_triplets_than_the_pool_holds_are_refused()
    {
        Assert.Contains("has only 2,024", await RefusedAsync(new GenerationOptions(2100, 4, "random=1", Validation: 0)));
        Assert.Contains("holds only 80 distinct ones", await RefusedAsync(new GenerationOptions(100, 4, "within_class=1", Validation: 0)));
    }

    [Fact]
    public async Task Labels_that_do_not_match_the_rows_are_refused() =>
        Assert.Contains("23 entries for 24 embedding rows", (await Assert.ThrowsAsync<GenerationException>(() =>
            new TripletGenerator(new GenerationOptions(10, 4)).GenerateAsync(World.Teacher, World.Manifest, new GenerationPool(World.Embeddings, null, World.Labels[1..]), GenerationWorld.TempDirectory(), TestContext.Current.CancellationToken))).Message);

    [Fact]
    public async Task Resuming_with_other_parameters_is_refused_and_leaves_the_data_set_as_it_was()
    {
        var directory = GenerationWorld.TempDirectory();
        await World.GenerateAsync(new GenerationOptions(100, 4, "random=1", Seed: 1, Validation: 10, ShardSize: 50), directory);
        var before = await File.ReadAllTextAsync(Path.Combine(directory, DatasetManifest.FileName), TestContext.Current.CancellationToken);

        var message = await RefusedAsync(new GenerationOptions(100, 4, "random=1", Seed: 2, Validation: 10, ShardSize: 50), directory: directory);

        Assert.Contains("other parameters", message);
        Assert.Contains("choose a new --out folder", message);
        Assert.Equal(before, await File.ReadAllTextAsync(Path.Combine(directory, DatasetManifest.FileName), TestContext.Current.CancellationToken));
    }

    /// <summary>A full disk during the third shard: a clear error, and the folder holds the complete shards before it and nothing else.</summary>
    [Fact]
    public async Task A_full_disk_stops_with_a_clear_error_and_leaves_only_complete_shards()
    {
        var directory = GenerationWorld.TempDirectory();
        var generator = new TripletGenerator(new GenerationOptions(200, 4, "random=1", Seed: 1, Validation: 0, ShardSize: 50))
        {
            OpenForWriting = path => path.Contains("shard-00002", StringComparison.Ordinal)
                ? new FullDiskStream(new FileStream(path, FileMode.Create))
                : new FileStream(path, FileMode.Create),
        };

        var error = await Assert.ThrowsAsync<GenerationException>(() => generator.GenerateAsync(World.Teacher, World.Manifest, World.Pool(), directory, TestContext.Current.CancellationToken));

        Assert.Contains("the disk is full", error.Message);
        Assert.Contains("run the same command again", error.Message);
        var files = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(directory, f)).Order().ToList();
        Assert.Equal(["manifest.json", "train/shard-00000.parquet", "train/shard-00001.parquet"], files);
        var manifest = DatasetManifest.TryLoad(directory)!;
        Assert.Equal(2, manifest.TrainShards.Count);
        Assert.False(manifest.Complete);
    }

    /// <summary>Accepts a few bytes, then fails as Linux does when a file system is full (ENOSPC = 28).</summary>
    private sealed class FullDiskStream(FileStream inner) : Stream
    {
        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));
        public override void Write(ReadOnlySpan<byte> buffer)
        {
            inner.Write(buffer[..Math.Min(16, buffer.Length)]);
            throw new IOException("No space left on device", 28);
        }
        protected override void Dispose(bool disposing) { if (disposing) inner.Dispose(); base.Dispose(disposing); }
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
