namespace AligNet.Evaluation.Levels;

/// <summary>
/// The categories of every item (embedding row), multi-label: item i belongs to the categories listed in
/// <see cref="Of"/>(i), sorted ascending; an empty list means uncategorised. Classifies triplets by level.
/// </summary>
public sealed class ItemCategories
{
    private readonly int[][] categories;

    public ItemCategories(IReadOnlyList<string> names, int[][] categoriesPerItem)
    {
        Names = names;
        categories = categoriesPerItem.Select(c => c.Order().ToArray()).ToArray();
        if (categories.SelectMany(c => c).Any(c => c < 0 || c >= names.Count))
        {
            throw new ArgumentException("A category index is outside the list of category names.", nameof(categoriesPerItem));
        }
    }

    public IReadOnlyList<string> Names { get; }
    public int ItemCount => categories.Length;

    public IReadOnlyList<int> Of(int item) => categories[item];

    /// <summary>
    /// fine = some category holds all three; boundary = not fine and some category holds two;
    /// coarse = no category holds two; uncategorised when any item has no category.
    /// </summary>
    public AbstractionLevel Classify(int a, int b, int c)
    {
        var (ca, cb, cc) = (categories[a], categories[b], categories[c]);
        if (ca.Length == 0 || cb.Length == 0 || cc.Length == 0) return AbstractionLevel.Uncategorised;
        if (ca.Any(x => Array.BinarySearch(cb, x) >= 0 && Array.BinarySearch(cc, x) >= 0)) return AbstractionLevel.Fine;
        if (Shares(ca, cb) || Shares(ca, cc) || Shares(cb, cc)) return AbstractionLevel.Boundary;
        return AbstractionLevel.Coarse;
    }

    private static bool Shares(int[] x, int[] y) => x.Any(v => Array.BinarySearch(y, v) >= 0);

    /// <summary>
    /// One category per item from its category path (coarse → fine): the path cut to <paramref name="depth"/> levels
    /// (null = the whole path, i.e. the finest category). An empty path is uncategorised; so is a path shorter than the depth.
    /// </summary>
    public static ItemCategories FromPaths(IReadOnlyList<IReadOnlyList<string>> paths, int? depth = null)
    {
        if (depth is <= 0) throw new ArgumentOutOfRangeException(nameof(depth), depth, "The category depth must be at least 1.");
        var names = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var perItem = new int[paths.Count][];
        for (var i = 0; i < paths.Count; i++)
        {
            var path = paths[i];
            if (path.Count == 0 || (depth is { } d && path.Count < d))
            {
                perItem[i] = [];
                continue;
            }
            var key = string.Join('/', depth is { } cut ? path.Take(cut) : path);
            if (!index.TryGetValue(key, out var id))
            {
                index[key] = id = names.Count;
                names.Add(key);
            }
            perItem[i] = [id];
        }
        return new ItemCategories(names, perItem);
    }
}
