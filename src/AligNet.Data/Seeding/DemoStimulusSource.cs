namespace AligNet.Data.Seeding;

/// <summary>
/// The demo photographs: Debian's <c>tuxpaint-stamps-default</c> ships cut-out photographs in a category
/// hierarchy (animals/birds/…, food/fruit/…). Drawings are skipped: cartoon folders, and PNGs that are renderings
/// of an SVG beside them.
/// </summary>
public static class DemoStimulusSource
{
    public const string DefaultRoot = "/usr/share/tuxpaint/stamps";
    public const string DebianPackage = "tuxpaint-stamps-default";

    private static readonly HashSet<string> DrawingFolders = new(StringComparer.OrdinalIgnoreCase)
    {
        "cartoon", "symbols", "seasonal", "military", "naturalforces", "space", "town",
    };

    public sealed record Item(string File, string Label, string[] CategoryPath);

    public static IReadOnlyList<Item> Find(string root)
    {
        if (!Directory.Exists(root)) return [];
        return Directory.EnumerateFiles(root, "*.png", SearchOption.AllDirectories)
            .Select(file => (file, relative: Path.GetRelativePath(root, file)))
            .Where(f => !IsDrawing(f.file, f.relative))
            .Select(f => new Item(f.file, LabelOf(f.file), CategoryOf(f.relative)))
            .Where(i => i.CategoryPath.Length > 0)
            .OrderBy(i => string.Join('/', i.CategoryPath), StringComparer.Ordinal)
            .ThenBy(i => i.File, StringComparer.Ordinal)
            .ToList();
    }

    private static bool IsDrawing(string file, string relative)
    {
        var parts = relative.Split(Path.DirectorySeparatorChar);
        if (parts.Any(DrawingFolders.Contains)) return true;
        var name = Path.GetFileNameWithoutExtension(file);
        return name.EndsWith("_mirror", StringComparison.Ordinal) || name.EndsWith("_thumb", StringComparison.Ordinal)
            || File.Exists(Path.ChangeExtension(file, ".svg"));
    }

    private static string[] CategoryOf(string relative) =>
        Path.GetDirectoryName(relative)?.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries) ?? [];

    /// <summary>The stamp's English description ("An Adelaide Rosella.") when present, else its file name.</summary>
    private static string LabelOf(string file)
    {
        var description = Path.ChangeExtension(file, ".txt");
        var first = File.Exists(description) ? File.ReadLines(description).FirstOrDefault()?.Trim() : null;
        if (!string.IsNullOrEmpty(first) && !first.Contains('='))
        {
            var label = first.TrimEnd('.', '!');
            foreach (var article in new[] { "A ", "An ", "The " })
            {
                if (label.StartsWith(article, StringComparison.Ordinal)) label = label[article.Length..];
            }
            if (label.Length is > 0 and <= 80) return label;
        }
        return Path.GetFileNameWithoutExtension(file).Replace('_', ' ').Replace('-', ' ');
    }
}
