using AligNet.Data;
using AligNet.Data.Imports;
using AligNet.Evaluation.Triplets;

namespace AligNet.TestSupport;

/// <summary>
/// A tiny stimulus set with real images in a real stimulus store, for image students: 8 coloured squares, items 0–3
/// warm and 4–7 cool, and 200 judgments in which the odd one out of a mixed triplet is the one alone in its group.
/// The caller computes its ResNet18 embeddings and trains its teacher (pipelines this project does not reference).
/// </summary>
public static class ColourImageSet
{
    public const int Items = 8;
    public const string Name = "colours";

    /// <param name="items">Images in the set (even): the first half warm, the second cool.</param>
    public static async Task<Guid> CreateAsync(AligNetDbContext db, string store, string scratch, CancellationToken ct = default, int items = Items)
    {
        var source = Directory.CreateTempSubdirectory("alignet-source-").FullName;
        try
        {
            var manifest = new List<string> { "file,label" };
            for (var i = 0; i < items; i++)
            {
                var warm = i < items / 2;
                // Distinct colours for up to 8 items (as before); beyond, the channels wrap within each group's range.
                await File.WriteAllBytesAsync(Path.Combine(source, $"{i}.png"), TestImages.Png((byte)(warm ? 200 + 10 * (i % 6) : 20), (byte)(30 * i % 256), (byte)(warm ? 20 : 120 + 15 * (i % 9)), 32), ct);
                manifest.Add($"{i}.png,item{i}");
            }
            await File.WriteAllLinesAsync(Path.Combine(source, "manifest.csv"), manifest, ct);
            Guid setId;
            using (var opened = StimulusSource.Open(source)) setId = (await new StimulusSetImporter(db, store).ImportAsync(Name, "", opened, ct: ct)).SetId;
            var file = Path.Combine(scratch, "colour-judgments.txt");
            await File.WriteAllLinesAsync(file, Judgments(items, 200, seed: 4), ct);
            await new TripletImporter(db).ImportAsync(setId, "human", file, TripletFormat.OddLast, null, ct: ct);
            return setId;
        }
        finally
        {
            Directory.Delete(source, true);
        }
    }

    private static List<string> Judgments(int items, int count, int seed)
    {
        var random = new Random(seed);
        var lines = new List<string>();
        while (lines.Count < count)
        {
            int[] triplet = [random.Next(items), random.Next(items), random.Next(items)];
            if (triplet.Distinct().Count() < 3) continue;
            var warm = triplet.Select(x => x < items / 2).ToArray();
            var odd = Array.FindIndex(warm, w => warm.Count(v => v == w) == 1);
            if (odd < 0) continue; // all three in one group: no odd one out by colour
            var pair = triplet.Where((_, k) => k != odd).ToArray();
            lines.Add($"{pair[0]} {pair[1]} {triplet[odd]}");
        }
        return lines;
    }
}
