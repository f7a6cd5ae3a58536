using System.Numerics.Tensors;
using AligNet.Evaluation.Embeddings;
using AligNet.Evaluation.Triplets;

namespace AligNet.Evaluation.Metrics;

/// <summary>
/// The odd-one-out model of METHOD.md §1 over a representation: pair similarities S, a softmax over the three pairs
/// at temperature T, and the prediction "the item outside the most similar pair".
/// Convention (stated once): for a triplet (i, j, k) the three probabilities are ordered
/// [P(k odd) = pair ij, P(j odd) = pair ik, P(i odd) = pair jk].
/// </summary>
public sealed class OddOneOutModel
{
    private readonly EmbeddingMatrix z;

    public OddOneOutModel(EmbeddingMatrix embeddings, SimilarityKind similarity, double temperature = 1.0)
    {
        if (!(temperature > 0) || !double.IsFinite(temperature)) throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "The temperature must be a positive number.");
        z = similarity == SimilarityKind.Cosine ? embeddings.Normalized() : embeddings;
        Temperature = temperature;
    }

    public double Temperature { get; }
    public int ItemCount => z.Rows;

    public double Similarity(int a, int b) => TensorPrimitives.Dot<double>(z.Row(a), z.Row(b));

    /// <summary>[S_ij, S_ik, S_jk].</summary>
    public (double Ij, double Ik, double Jk) PairSimilarities(int i, int j, int k) => (Similarity(i, j), Similarity(i, k), Similarity(j, k));

    /// <summary>The predicted odd one out, or null when the largest similarity is shared (a tie counts as wrong).</summary>
    public int? PredictOdd(int i, int j, int k)
    {
        var (ij, ik, jk) = PairSimilarities(i, j, k);
        if (ij > ik && ij > jk) return k;
        if (ik > ij && ik > jk) return j;
        if (jk > ij && jk > ik) return i;
        return null;
    }

    /// <summary>softmax([S_ij, S_ik, S_jk] / T) = [P(k odd), P(j odd), P(i odd)].</summary>
    public (double K, double J, double I) Probabilities(int i, int j, int k)
    {
        var (ij, ik, jk) = PairSimilarities(i, j, k);
        var (a, b, c) = (ij / Temperature, ik / Temperature, jk / Temperature);
        var max = Math.Max(a, Math.Max(b, c));
        var (ea, eb, ec) = (Math.Exp(a - max), Math.Exp(b - max), Math.Exp(c - max));
        var sum = ea + eb + ec;
        return (ea / sum, eb / sum, ec / sum);
    }

    /// <summary>The model's probability that the human's odd one out (<see cref="TripletResponse.K"/>) is odd.</summary>
    public double ProbabilityOfHumanChoice(TripletResponse r) => Probabilities(r.I, r.J, r.K).K;
}
