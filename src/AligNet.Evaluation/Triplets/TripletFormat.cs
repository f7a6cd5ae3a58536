namespace AligNet.Evaluation.Triplets;

/// <summary>The two human triplet file formats the platform reads and writes.</summary>
public enum TripletFormat
{
    /// <summary>Whitespace-separated <c>i j k [subject]</c>, 0-based indices; <c>k</c> is the odd one out (THINGS test_10.txt).</summary>
    OddLast,

    /// <summary>Whitespace-separated <c>i j k choice [subject]</c>, 1-based indices; <c>choice</c> ∈ {1,2,3} is the position of the odd one out (THINGS test_triplets.tsv).</summary>
    Choice,
}

public static class TripletFormats
{
    public static TripletFormat Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "odd-last" or "oddlast" => TripletFormat.OddLast,
        "choice" => TripletFormat.Choice,
        _ => throw new ArgumentException($"Unknown triplet format '{text}': use odd-last or choice."),
    };

    public static string Name(this TripletFormat format) => format == TripletFormat.OddLast ? "odd-last" : "choice";
}
