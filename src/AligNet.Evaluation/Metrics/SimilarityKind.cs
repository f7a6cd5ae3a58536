namespace AligNet.Evaluation.Metrics;

/// <summary>How pair similarity is computed from embeddings: S_ij = z_i · z_j, or the same on L2-normalised rows.</summary>
public enum SimilarityKind
{
    Dot,
    Cosine,
}

public static class SimilarityKinds
{
    public static SimilarityKind Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "dot" => SimilarityKind.Dot,
        "cosine" => SimilarityKind.Cosine,
        _ => throw new ArgumentException($"Unknown similarity '{text}': use cosine or dot."),
    };
}
