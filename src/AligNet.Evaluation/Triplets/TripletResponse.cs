namespace AligNet.Evaluation.Triplets;

/// <summary>
/// One human judgment in the odd-last convention used throughout the platform: <see cref="I"/> and <see cref="J"/>
/// are the pair judged most similar, <see cref="K"/> is the odd one out. Indices are embedding rows (0-based).
/// <see cref="RtMs"/> is the reaction time in milliseconds when the file records it.
/// </summary>
public readonly record struct TripletResponse(int I, int J, int K, string? Subject = null)
{
    /// <summary>Reaction time in ms; a property, not a positional member, so the 4-part deconstruction stays as it was.</summary>
    public double? RtMs { get; init; }

    /// <summary>The unordered item set, as a key that ignores order: (smallest, middle, largest).</summary>
    public (int, int, int) ItemSet
    {
        get
        {
            int a = I, b = J, c = K;
            if (a > b) (a, b) = (b, a);
            if (b > c) (b, c) = (c, b);
            if (a > b) (a, b) = (b, a);
            return (a, b, c);
        }
    }
}
