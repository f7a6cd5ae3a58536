using AligNet.Ml.Students.Images;
using static TorchSharp.torch;

namespace AligNet.Ml.Tests.Students;

/// <summary>
/// The on-disk prefix cache on a real folder: least-recently-used eviction to a budget, entries of another network,
/// stage or image never reused, an entry open in a reader never deleted, concurrent writers, readers and pruners that
/// never see a half-written entry, and damaged entries recomputed rather than trusted.
/// </summary>
public sealed class PrefixCacheFilesTests : IDisposable
{
    private const string Prefix = "resnet18 test prefix before Layer4";
    private readonly string folder = Directory.CreateTempSubdirectory("prefix-cache-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>The activation of image <paramref name="item"/> in these tests: 1 × 10 values that identify it.</summary>
    private static Tensor Activation(long item) => arange(10, dtype: float32).reshape(1, 10) + item * 100;

    private static float[] Values(Tensor t) => t.data<float>().ToArray();

    private static string Image(long item) => $"sha256-of-image-{item}";

    private string Fill(PrefixCache cache, long item)
    {
        cache.GetOrAdd(item, Image(item), CPU, () => Activation(item));
        return PrefixCacheFiles.PathOf(folder, PrefixCacheFiles.Key(Prefix, Image(item)));
    }

    /// <summary>Five entries last used at 10:00, 10:01, … 10:04 (the modification time is the last-use stamp).</summary>
    private List<string> FiveEntries()
    {
        using var cache = new PrefixCache(folder, Prefix);
        var paths = Enumerable.Range(0, 5).Select(i => Fill(cache, i)).ToList();
        for (var i = 0; i < paths.Count; i++) File.SetLastWriteTimeUtc(paths[i], new DateTime(2026, 11, 30, 10, i, 0, DateTimeKind.Utc));
        return paths;
    }

    [Fact]
    public void Pruning_removes_the_least_recently_used_entries_until_the_folder_fits_its_budget()
    {
        var paths = FiveEntries();
        // Header 4 + key 16 + rank 4 + shape 2 × 8, values 10 × 4, SHA-256 32 = 112 bytes an entry.
        Assert.All(paths, p => Assert.Equal(112, new FileInfo(p).Length));
        using (var reader = new PrefixCache(folder, Prefix)) Fill(reader, 1); // entry 1 used again now: the most recent

        var report = PrefixCacheFiles.Prune(folder, budgetBytes: 3 * 112 + 50);

        Assert.Equal(new PrefixCachePruneReport(Entries: 5, Bytes: 560, Removed: 2, RemovedBytes: 224, InUse: 0, StaleTemporaries: 0), report);
        Assert.Equal([false, true, false, true, true], paths.Select(File.Exists));
        Assert.Equal(0, PrefixCacheFiles.Prune(folder, 336).Removed); // within budget: nothing to do
        Assert.Equal(3, PrefixCacheFiles.Prune(folder, 0).Removed);
        Assert.Empty(Directory.GetFiles(folder));
    }

    [Fact]
    public void An_entry_open_in_a_reader_is_skipped_and_removed_by_a_later_pass()
    {
        var paths = FiveEntries();
        using (PrefixCacheFiles.OpenForReading(paths[0]))
        {
            var report = PrefixCacheFiles.Prune(folder, 0);
            Assert.Equal((4, 1), (report.Removed, report.InUse));
            Assert.True(File.Exists(paths[0]));
        }
        Assert.Equal(1, PrefixCacheFiles.Prune(folder, 0).Removed);
        Assert.False(File.Exists(paths[0]));
    }

    [Fact]
    public void An_entry_of_another_network_stage_or_image_is_never_reused()
    {
        using (var first = new PrefixCache(folder, Prefix)) Fill(first, 7);

        using var sameImage = new PrefixCache(folder, Prefix);
        using var otherStage = new PrefixCache(folder, "resnet18 test prefix before Layer3");
        using var otherNetwork = new PrefixCache(folder, "resnet18 other-version prefix before Layer4");
        sameImage.GetOrAdd(7, Image(7), CPU, () => throw new InvalidOperationException("should be read from disk"));
        otherStage.GetOrAdd(7, Image(7), CPU, () => Activation(-1));
        otherNetwork.GetOrAdd(7, Image(7), CPU, () => Activation(-2));
        sameImage.GetOrAdd(8, Image(7) + " changed", CPU, () => Activation(-3));

        Assert.Equal((1, 0), (sameImage.ReadFromDisk, otherStage.ReadFromDisk + otherNetwork.ReadFromDisk));
        Assert.Equal(Values(Activation(-1)), Values(otherStage.Get(7)));
        Assert.Equal(Values(Activation(-2)), Values(otherNetwork.Get(7)));
        Assert.Equal(Values(Activation(-3)), Values(sameImage.Get(8)));
        Assert.Equal(4, Directory.GetFiles(folder, "*.f32").Length);
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("value flipped")]
    [InlineData("another entry's file")]
    [InlineData("empty")]
    public void A_damaged_entry_is_recomputed_and_rewritten_not_trusted(string damage)
    {
        string path;
        using (var writer = new PrefixCache(folder, Prefix))
        {
            path = Fill(writer, 3);
            Fill(writer, 4);
        }
        var bytes = File.ReadAllBytes(path);
        switch (damage)
        {
            case "truncated": File.WriteAllBytes(path, bytes[..^10]); break;
            case "value flipped": bytes[60] ^= 0x40; File.WriteAllBytes(path, bytes); break;
            case "another entry's file": File.Copy(PrefixCacheFiles.PathOf(folder, PrefixCacheFiles.Key(Prefix, Image(4))), path, overwrite: true); break;
            case "empty": File.WriteAllBytes(path, []); break;
        }

        using var reader = new PrefixCache(folder, Prefix);
        var value = reader.GetOrAdd(3, Image(3), CPU, () => Activation(3));

        Assert.Equal((1, 1, 0), (reader.Rejected, reader.Computed, reader.ReadFromDisk));
        Assert.Equal(Values(Activation(3)), Values(value));
        using var again = new PrefixCache(folder, Prefix);
        again.GetOrAdd(3, Image(3), CPU, () => throw new InvalidOperationException("the rewritten entry should be read"));
        Assert.Equal((1, 0), (again.ReadFromDisk, again.Rejected));
    }

    /// <summary>The size of a layer4 prefix (256 × 14 × 14 floats), so that a write takes long enough for a reader to meet a half-written file if there were one.</summary>
    private static Tensor LargeActivation(long item) => arange(50_176, dtype: float32).reshape(1, 256, 14, 14) + item;

    [Fact]
    public async Task Writers_readers_and_pruners_at_once_never_see_a_half_written_entry()
    {
        const int items = 3, rounds = 300, entryBytes = 56 + 50_176 * 4 + 32;
        var ct = TestContext.Current.CancellationToken;
        var start = new Barrier(3);
        int reads = 0, rejected = 0;
        // A writer that keeps rewriting the same few entries, as runs sharing the cache do on a miss.
        var writer = Task.Run(() =>
        {
            start.SignalAndWait(ct);
            for (var round = 0; round < rounds; round++)
            {
                var item = round % items;
                var key = PrefixCacheFiles.Key(Prefix, Image(item));
                using var value = LargeActivation(item);
                PrefixCacheFiles.Write(PrefixCacheFiles.PathOf(folder, key), key, value);
            }
        }, ct);
        // A reader that opens a fresh cache each round (as a new run would): it reads each entry from disk or computes it.
        var reader = Task.Run(() =>
        {
            start.SignalAndWait(ct);
            for (var round = 0; round < rounds; round++)
            {
                using var cache = new PrefixCache(folder, Prefix);
                var item = round % items;
                var value = cache.GetOrAdd(item, Image(item), CPU, () => LargeActivation(item));
                Assert.Equal(Values(LargeActivation(item)), Values(value));
                reads += cache.ReadFromDisk;
                rejected += cache.Rejected;
            }
        }, ct);
        var pruner = Task.Run(() =>
        {
            start.SignalAndWait(ct);
            for (var pass = 0; pass < rounds; pass++) PrefixCacheFiles.Prune(folder, budgetBytes: 2 * entryBytes);
        }, ct);

        await Task.WhenAll(writer, reader, pruner);

        Assert.True(reads > 0, "the reader should have found entries on disk (else the test shows nothing)");
        Assert.Equal(0, rejected); // never a half-written or half-deleted entry
        Assert.Empty(Directory.GetFiles(folder, "*.tmp", SearchOption.AllDirectories));
        Assert.True(PrefixCacheFiles.Prune(folder, 2 * entryBytes).BytesAfter <= 2 * entryBytes);
    }

    [Fact]
    public void A_dead_writers_temporary_file_is_removed_once_it_is_an_hour_old()
    {
        var old = Path.Combine(folder, ".abc.f32.0123.tmp");
        var fresh = Path.Combine(folder, ".def.f32.4567.tmp");
        File.WriteAllBytes(old, [1, 2]);
        File.WriteAllBytes(fresh, [1, 2]);
        File.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddMinutes(-61));

        Assert.Equal(1, PrefixCacheFiles.Prune(folder, long.MaxValue).StaleTemporaries);
        Assert.Equal([false, true], new[] { old, fresh }.Select(File.Exists));
    }
}
