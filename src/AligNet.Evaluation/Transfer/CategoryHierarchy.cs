namespace AligNet.Evaluation.Transfer;

/// <summary>
/// A category path (coarse → fine) per item, for few-shot, BREEDS-style probes and retention: from a stimulus set's
/// paths or from a file with one '/'-separated path per embedding row (an empty line = no category, skipped).
/// </summary>
public sealed class CategoryHierarchy
{
    public CategoryHierarchy(IReadOnlyList<IReadOnlyList<string>> paths) => Paths = paths;

    public IReadOnlyList<IReadOnlyList<string>> Paths { get; }
    public int ItemCount => Paths.Count;

    /// <summary>Items grouped by their whole path (the finest category), only categories with at least <paramref name="minimum"/> items.</summary>
    public IReadOnlyList<int[]> FinestClasses(int minimum) => Paths
        .Select((p, i) => (Key: string.Join('/', p), Item: i))
        .Where(x => x.Key.Length > 0)
        .GroupBy(x => x.Key, StringComparer.Ordinal)
        .OrderBy(g => g.Key, StringComparer.Ordinal)
        .Select(g => g.Select(x => x.Item).ToArray())
        .Where(items => items.Length >= minimum)
        .ToList();

    /// <param name="itemCount">The embedding rows the file must cover; null takes every line as an item.</param>
    public static CategoryHierarchy Read(string path, int? itemCount)
    {
        if (!File.Exists(path)) throw new DataFormatException(path, null, "file not found.");
        var lines = File.ReadAllLines(path);
        if (lines.Length > 0 && lines[^1].Length == 0) lines = lines[..^1];
        if (itemCount is not null && lines.Length != itemCount)
        {
            throw new DataFormatException(path, null, $"{lines.Length} lines, but the embeddings have {itemCount} rows: the hierarchy file needs one path per embedding row (e.g. 'animals/birds'), an empty line for none.");
        }
        return new CategoryHierarchy(lines.Select(l => (IReadOnlyList<string>)l.Trim().Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList());
    }
}
