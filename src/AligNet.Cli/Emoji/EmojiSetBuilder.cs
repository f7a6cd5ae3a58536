using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SkiaSharp;

namespace AligNet.Cli.Emoji;

/// <summary>How the emoji sets are drawn: which styles, how big, on what colour, and how many concepts per subgroup at most.</summary>
public sealed record EmojiSetOptions(IReadOnlyList<string> Styles, int Size, SKColor Background, int? PerSubgroup = null);

/// <summary>What was written: the folder per style, the concepts kept, and those left out because a style lacks them.</summary>
public sealed record EmojiSetResult(IReadOnlyDictionary<string, string> Folders, int Concepts, int Subgroups, IReadOnlyList<string> LeftOut);

/// <summary>
/// Builds one stimulus folder per style (PNG images, <c>manifest.csv</c> with file,label,category, <c>description.txt</c>
/// with the licence) from emoji npm packages, ready for <c>alignet import stimuli</c>. Every folder lists the same
/// concepts in the same order, so stimulus t is the same concept in every style (for style shift): a concept is kept
/// only when every style has artwork for it and its picture duplicates no other in any style (the importer refuses
/// duplicate images).
/// </summary>
public static class EmojiSetBuilder
{
    public static EmojiSetResult Build(string nodeModules, string outFolder, EmojiSetOptions options)
    {
        if (options.Styles.Count == 0) throw new ArgumentException("Name at least one style: " + string.Join(", ", EmojiStyle.Names) + ".");
        var catalog = EmojiCatalog.Read(Path.Combine(nodeModules, "emojibase-data"));
        var styles = options.Styles.Distinct().Select(s => EmojiStyle.Open(s, nodeModules)).ToList();
        var leftOut = new List<string>();
        var found = new List<(EmojiConcept Concept, EmojiArtwork[] Art)>();
        foreach (var concept in catalog)
        {
            var art = styles.Select(s => s.Find(concept.Hexcode)).ToArray();
            if (art.All(a => a is not null)) found.Add((concept, art.Select(a => a!).ToArray()));
            else leftOut.Add($"{concept.Label} ({concept.Hexcode}): not in {string.Join(", ", styles.Where((_, i) => art[i] is null).Select(s => s.Name))}");
        }
        if (options.PerSubgroup is { } most) found = found.GroupBy(f => f.Concept.CategoryPath).SelectMany(g => g.Take(most)).ToList();

        var pngs = new byte[found.Count, styles.Count][];
        var broken = new ConcurrentDictionary<int, string>();
        Parallel.For(0, found.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount / 2) }, c =>
        {
            for (var s = 0; s < styles.Count; s++)
            {
                try
                {
                    pngs[c, s] = EmojiRasteriser.ToPng(found[c].Art[s], options.Size, options.Background);
                }
                catch (InvalidDataException ex)
                {
                    broken[c] = $"{styles[s].Name} artwork could not be drawn ({ex.Message})";
                    return;
                }
            }
        });
        var duplicate = DuplicatePictures(pngs, found.Count, styles.Count, broken);
        var kept = Enumerable.Range(0, found.Count).Where(c => !duplicate.Contains(c) && !broken.ContainsKey(c)).ToList();
        leftOut.AddRange(broken.OrderBy(b => b.Key).Select(b => $"{found[b.Key].Concept.Label} ({found[b.Key].Concept.Hexcode}): {b.Value}"));
        leftOut.AddRange(duplicate.Order().Select(c => $"{found[c].Concept.Label} ({found[c].Concept.Hexcode}): the same picture as another concept in some style"));

        var folders = new Dictionary<string, string>();
        for (var s = 0; s < styles.Count; s++)
        {
            var rows = kept.Select(c => (File: $"{found[c].Concept.Hexcode.ToLowerInvariant()}.png", found[c].Concept, Png: pngs[c, s])).ToList();
            folders[styles[s].Name] = WriteFolder(Path.Combine(outFolder, styles[s].Name), styles[s], rows, options, PackageVersion(nodeModules, styles[s].Package));
        }
        return new EmojiSetResult(folders, kept.Count, kept.Select(c => found[c].Concept.CategoryPath).Distinct().Count(), leftOut);
    }

    private static HashSet<int> DuplicatePictures(byte[,][] pngs, int concepts, int styles, ConcurrentDictionary<int, string> broken)
    {
        var duplicate = new HashSet<int>();
        for (var s = 0; s < styles; s++)
        {
            var first = new Dictionary<string, int>();
            for (var c = 0; c < concepts; c++)
            {
                if (broken.ContainsKey(c)) continue;
                var sha = Convert.ToHexString(SHA256.HashData(pngs[c, s]));
                if (!first.TryAdd(sha, c)) duplicate.Add(c);
            }
        }
        return duplicate;
    }

    /// <summary>Writes the folder beside its final place and moves it in, so a half-written set is never left under the final name.</summary>
    private static string WriteFolder(string folder, EmojiStyle style, List<(string File, EmojiConcept Concept, byte[] Png)> rows, EmojiSetOptions options, string version)
    {
        var partial = folder + ".partial";
        if (Directory.Exists(partial)) Directory.Delete(partial, recursive: true);
        Directory.CreateDirectory(partial);
        var manifest = new StringBuilder("file,label,category\n");
        foreach (var (file, concept, png) in rows)
        {
            File.WriteAllBytes(Path.Combine(partial, file), png);
            manifest.Append(file).Append(',').Append(Csv(concept.Label)).Append(',').Append(concept.CategoryPath).Append('\n');
        }
        File.WriteAllText(Path.Combine(partial, "manifest.csv"), manifest.ToString());
        File.WriteAllText(Path.Combine(partial, "description.txt"), Description(style, version, rows.Count, options));
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.Move(partial, folder);
        return folder;
    }

    public static string Description(EmojiStyle style, string version, int count, EmojiSetOptions options) =>
        $"Emoji clip art, style {style.Name}: {count} object concepts (emojibase-data groups animals & nature, food & drink, travel & places, " +
        $"activities, objects; category = group/subgroup), {options.Size}×{options.Size} PNG on #{options.Background.Red:X2}{options.Background.Green:X2}{options.Background.Blue:X2}. " +
        $"Artwork: npm {style.Package}@{version}; licence: {style.Licence}. Hierarchy and labels: emojibase-data (MIT). " +
        "Drawings, not photographs: one canonical picture per concept.";

    private static string Csv(string text) => text.IndexOfAny([',', '"', '\n']) < 0 ? text : "\"" + text.Replace("\"", "\"\"") + "\"";

    private static string PackageVersion(string nodeModules, string package)
    {
        var file = Path.Combine(nodeModules, package, "package.json");
        if (!File.Exists(file)) return "unknown";
        using var doc = JsonDocument.Parse(File.ReadAllText(file));
        return doc.RootElement.TryGetProperty("version", out var v) ? v.GetString() ?? "unknown" : "unknown";
    }
}
