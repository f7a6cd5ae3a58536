namespace AligNet.Evaluation.Levels;

/// <summary>
/// The abstraction level of a triplet (METHOD.md §5, the paper's "Levels"): whether its three items share a category.
/// </summary>
public enum AbstractionLevel : byte
{
    /// <summary>No category holds two of the three items (Levels' between_class).</summary>
    Coarse,

    /// <summary>Some category holds all three items (Levels' within_class).</summary>
    Fine,

    /// <summary>Not fine, and some category holds two of the items: a 2 + 1 triplet (Levels' class_boundary).</summary>
    Boundary,

    /// <summary>At least one item has no category, so the level is unknown; reported apart.</summary>
    Uncategorised,
}

public static class AbstractionLevels
{
    public static readonly AbstractionLevel[] All = [AbstractionLevel.Coarse, AbstractionLevel.Fine, AbstractionLevel.Boundary, AbstractionLevel.Uncategorised];

    /// <summary>The JSON key: coarse, fine, boundary, uncategorised.</summary>
    public static string Key(this AbstractionLevel level) => level.ToString().ToLowerInvariant();
}
