using System.Text;
using AligNet.Data.Imports;
using AligNet.TestSupport;

namespace AligNet.Integration.Tests.Security;

/// <summary>
/// A stimulus import holds one image at a time, never the whole set: the images handed out while checking are
/// garbage by the time the files are written (a 4 GiB zip must not mean 4 GiB in the web process).
/// </summary>
public class ImportMemoryTests
{
    private const int Images = 30;

    /// <summary>Serves a manifest and distinct PNGs; during the write pass, counts how many check-pass images are still alive.</summary>
    private sealed class WatchedSource : StimulusSource
    {
        private readonly List<WeakReference<byte[]>> handedOut = [];
        private readonly HashSet<string> seen = [];
        public int MostAliveWhileWriting { get; private set; }

        public override string Description => "watched source";

        public override byte[]? Read(string name)
        {
            if (name == ManifestReader.DefaultName)
            {
                var manifest = new StringBuilder("file,label\n");
                for (var i = 0; i < Images; i++) manifest.Append($"img{i}.png,item {i}\n");
                return Encoding.UTF8.GetBytes(manifest.ToString());
            }
            if (!seen.Add(name))
            {
                // Second read of a file: the write pass. Whatever the importer still holds from the check pass is alive.
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                MostAliveWhileWriting = Math.Max(MostAliveWhileWriting, handedOut.Count(w => w.TryGetTarget(out _)));
            }
            var index = int.Parse(name[3..^4]);
            var bytes = TestImages.Png((byte)(index * 8), (byte)(255 - index * 8), (byte)(index * 3), size: 64);
            handedOut.Add(new WeakReference<byte[]>(bytes));
            return bytes;
        }
    }

    [Fact]
    public async Task The_importer_keeps_hashes_not_images_between_checking_and_writing()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync();
        await using var db = database.CreateContext();
        var store = Path.Combine(Path.GetTempPath(), "import-memory-" + Guid.NewGuid().ToString("N")[..8]);
        var source = new WatchedSource();

        var result = await new StimulusSetImporter(db, store).ImportAsync("memory " + Guid.NewGuid().ToString("N")[..6], "test", source,
            ct: TestContext.Current.CancellationToken);

        Assert.Equal(Images, result.Stimuli);
        Assert.Equal(Images, Directory.EnumerateFiles(store, "*.png", SearchOption.AllDirectories).Count());
        // At most the image being written and a stale local or two; holding the set would mean all 30.
        Assert.InRange(source.MostAliveWhileWriting, 0, 3);
        Directory.Delete(store, recursive: true);
    }
}
