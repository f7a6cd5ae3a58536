namespace AligNet.Ml.Generation;

/// <summary>
/// How a triplet is drawn (METHOD.md §3, the variants of the AligNet release). A "group" is a class (a label of the
/// pool) for the <c>*_class</c> variants and a k-means cluster of the teacher representations for the
/// <c>*_cluster</c> variants. Every draw is three distinct pool items; groups and items are drawn uniformly.
/// </summary>
public enum SamplingVariant : byte
{
    /// <summary><c>between_class</c>: three different classes, one item from each.</summary>
    BetweenClass,

    /// <summary><c>within_class</c>: one class with at least three members, three of its items.</summary>
    WithinClass,

    /// <summary><c>class_border</c>: two items of one class (with at least two members) and one item of another class.</summary>
    ClassBorder,

    /// <summary><c>between_cluster</c>: three different clusters, one item from each.</summary>
    BetweenCluster,

    /// <summary><c>within_cluster</c>: one cluster with at least three members, three of its items.</summary>
    WithinCluster,

    /// <summary><c>cluster_border</c>: two items of one cluster (with at least two members) and one item of another cluster.</summary>
    ClusterBorder,

    /// <summary><c>random</c>: three distinct items drawn uniformly from the whole pool.</summary>
    Random,
}

/// <summary>The released names of the variants and what each needs.</summary>
public static class SamplingVariants
{
    public static readonly IReadOnlyList<SamplingVariant> All = Enum.GetValues<SamplingVariant>();

    public static string Name(this SamplingVariant variant) => variant switch
    {
        SamplingVariant.BetweenClass => "between_class",
        SamplingVariant.WithinClass => "within_class",
        SamplingVariant.ClassBorder => "class_border",
        SamplingVariant.BetweenCluster => "between_cluster",
        SamplingVariant.WithinCluster => "within_cluster",
        SamplingVariant.ClusterBorder => "cluster_border",
        SamplingVariant.Random => "random",
        _ => throw new ArgumentOutOfRangeException(nameof(variant), variant, null),
    };

    public static string ValidNames => string.Join(", ", All.Select(Name));

    public static SamplingVariant? TryParse(string name) =>
        All.Cast<SamplingVariant?>().FirstOrDefault(v => v!.Value.Name() == name.Trim().ToLowerInvariant());

    public static bool NeedsLabels(this SamplingVariant variant) =>
        variant is SamplingVariant.BetweenClass or SamplingVariant.WithinClass or SamplingVariant.ClassBorder;

    public static bool NeedsClusters(this SamplingVariant variant) =>
        variant is SamplingVariant.BetweenCluster or SamplingVariant.WithinCluster or SamplingVariant.ClusterBorder;
}
