using System.Numerics.Tensors;
using AligNet.Evaluation.Embeddings;
using AligNet.Ml.Teacher;

namespace AligNet.Ml.Sampling;

/// <summary>How a candidate triplet's informativeness is scored (ADR-022).</summary>
public enum UncertaintyScore
{
    /// <summary>Entropy (nats) of the teacher's calibrated odd-one-out distribution: 0 … ln 3.</summary>
    Entropy,
    /// <summary>
    /// BALD: H[mean of the posterior members' distributions] − mean of their entropies (nats) — the mutual information
    /// between the answer and the model. Zero when every member predicts the same distribution.
    /// </summary>
    ExpectedInformationGain,
}

/// <summary>
/// Scores candidate triplets by how much the current teacher would learn from a human answer, and draws candidate
/// sets. Items are pool rows (rows of the embeddings the teacher was trained on); higher scores are more informative.
/// <para><b>Cost.</b> The embeddings are transformed once (n × p × p); then each candidate costs three dot products of
/// length p for <see cref="UncertaintyScore.Entropy"/>, and three element-wise products plus 3·M dot products for
/// <see cref="UncertaintyScore.ExpectedInformationGain"/> with M posterior members. No allocation per candidate
/// (scratch buffers are allocated once per call). Measured in <c>TripletUncertaintySpeedTests</c>.</para>
/// </summary>
public static class TripletUncertainty
{
    /// <summary>Members of the default dimension-bootstrap posterior for expected information gain (ADR-022).</summary>
    public const int DefaultPosteriorMembers = 16;

    /// <summary>
    /// Scores each candidate (pool row indices). <see cref="UncertaintyScore.ExpectedInformationGain"/> uses the
    /// dimension-bootstrap posterior of ADR-022 around this one teacher (<paramref name="posteriorMembers"/> draws,
    /// seeded by <paramref name="posteriorSeed"/>); for an ensemble of separately trained teachers use
    /// <see cref="ScoreEnsemble"/>.
    /// </summary>
    public static double[] Score(TeacherModel teacher, EmbeddingMatrix embeddings, IReadOnlyList<(int I, int J, int K)> candidates, UncertaintyScore kind,
        int posteriorMembers = DefaultPosteriorMembers, int posteriorSeed = 0)
    {
        ArgumentNullException.ThrowIfNull(teacher);
        ArgumentNullException.ThrowIfNull(embeddings);
        ArgumentNullException.ThrowIfNull(candidates);
        var z = teacher.Transform(embeddings);
        CheckIndices(candidates, z.Rows);
        return kind switch
        {
            UncertaintyScore.Entropy => EntropyScores(z, 1 / teacher.Temperature, candidates),
            UncertaintyScore.ExpectedInformationGain => BootstrapGain(z, 1 / teacher.Temperature, candidates, DimensionBootstrap(z.Columns, posteriorMembers, posteriorSeed)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown uncertainty score."),
        };
    }

    /// <summary>
    /// Scores with an ensemble of teachers taken as samples of the posterior (e.g. bootstrap or λ-grid teachers):
    /// Entropy = entropy of the ensemble's mean distribution; ExpectedInformationGain = BALD over the members.
    /// </summary>
    public static double[] ScoreEnsemble(IReadOnlyList<TeacherModel> members, EmbeddingMatrix embeddings, IReadOnlyList<(int I, int J, int K)> candidates, UncertaintyScore kind)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(candidates);
        if (members.Count == 0) throw new ArgumentException("An ensemble needs at least one teacher.", nameof(members));
        var transformed = members.Select(m => (Z: m.Transform(embeddings), Inverse: 1 / m.Temperature)).ToArray();
        CheckIndices(candidates, embeddings.Rows);
        var scores = new double[candidates.Count];
        var mean = new double[3];
        for (var c = 0; c < candidates.Count; c++)
        {
            var (i, j, k) = candidates[c];
            Array.Clear(mean);
            var memberEntropy = 0.0;
            foreach (var (z, inverse) in transformed)
            {
                var (pk, pj, pi) = Softmax(Dot(z, i, j) * inverse, Dot(z, i, k) * inverse, Dot(z, j, k) * inverse);
                mean[0] += pk; mean[1] += pj; mean[2] += pi;
                memberEntropy += Entropy(pk, pj, pi);
            }
            var m = transformed.Length;
            var predictive = Entropy(mean[0] / m, mean[1] / m, mean[2] / m);
            scores[c] = kind == UncertaintyScore.Entropy ? predictive : Math.Max(0, predictive - memberEntropy / m);
        }
        return scores;
    }

    /// <summary>
    /// <paramref name="count"/> distinct random triplets (i &lt; j &lt; k) of distinct pool rows, none in
    /// <paramref name="excluded"/>; the same seed gives the same list. Throws when fewer than <paramref name="count"/> exist.
    /// </summary>
    public static IReadOnlyList<(int I, int J, int K)> Candidates(int poolSize, int count, int seed, IReadOnlySet<int>? excluded = null) =>
        TripletCandidates.Draw(poolSize, count, seed, excluded);

    /// <summary>Entropy (nats) of a distribution over three outcomes; 0·ln 0 = 0.</summary>
    public static double Entropy(double a, double b, double c) => -(Term(a) + Term(b) + Term(c));

    private static double Term(double p) => p > 0 ? p * Math.Log(p) : 0;

    /// <summary>softmax over [S_ij, S_ik, S_jk] (already divided by T) = [P(k odd), P(j odd), P(i odd)].</summary>
    private static (double K, double J, double I) Softmax(double ij, double ik, double jk)
    {
        var max = Math.Max(ij, Math.Max(ik, jk));
        var (a, b, c) = (Math.Exp(ij - max), Math.Exp(ik - max), Math.Exp(jk - max));
        var sum = a + b + c;
        return (a / sum, b / sum, c / sum);
    }

    private static double Dot(EmbeddingMatrix z, int a, int b) => TensorPrimitives.Dot<double>(z.Row(a), z.Row(b));

    private static double[] EntropyScores(EmbeddingMatrix z, double inverse, IReadOnlyList<(int I, int J, int K)> candidates)
    {
        var scores = new double[candidates.Count];
        for (var c = 0; c < candidates.Count; c++)
        {
            var (i, j, k) = candidates[c];
            var (pk, pj, pi) = Softmax(Dot(z, i, j) * inverse, Dot(z, i, k) * inverse, Dot(z, j, k) * inverse);
            scores[c] = Entropy(pk, pj, pi);
        }
        return scores;
    }

    /// <summary>
    /// M rows of p dimension weights: how often each output dimension was drawn in a bootstrap of the p dimensions.
    /// A dot product is a sum over dimensions, so member m's similarity is Σ_d c_md z_id z_jd (ADR-022).
    /// </summary>
    internal static double[] DimensionBootstrap(int dimensions, int members, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(members, 2);
        var random = new Random(seed);
        var counts = new double[members * dimensions];
        for (var m = 0; m < members; m++)
        {
            for (var d = 0; d < dimensions; d++) counts[m * dimensions + random.Next(dimensions)] += 1;
        }
        return counts;
    }

    private static double[] BootstrapGain(EmbeddingMatrix z, double inverse, IReadOnlyList<(int I, int J, int K)> candidates, double[] counts)
    {
        var p = z.Columns;
        var members = counts.Length / p;
        var product = new double[p];
        var similarities = new double[3 * members];
        var scores = new double[candidates.Count];
        for (var c = 0; c < candidates.Count; c++)
        {
            var (i, j, k) = candidates[c];
            MemberSimilarities(z, i, j, counts, product, similarities.AsSpan(0, members));
            MemberSimilarities(z, i, k, counts, product, similarities.AsSpan(members, members));
            MemberSimilarities(z, j, k, counts, product, similarities.AsSpan(2 * members, members));
            double meanK = 0, meanJ = 0, meanI = 0, memberEntropy = 0;
            for (var m = 0; m < members; m++)
            {
                var (pk, pj, pi) = Softmax(similarities[m] * inverse, similarities[members + m] * inverse, similarities[2 * members + m] * inverse);
                meanK += pk; meanJ += pj; meanI += pi;
                memberEntropy += Entropy(pk, pj, pi);
            }
            scores[c] = Math.Max(0, Entropy(meanK / members, meanJ / members, meanI / members) - memberEntropy / members);
        }
        return scores;
    }

    private static void MemberSimilarities(EmbeddingMatrix z, int a, int b, double[] counts, double[] product, Span<double> into)
    {
        TensorPrimitives.Multiply(z.Row(a), z.Row(b), product);
        var p = product.Length;
        for (var m = 0; m < into.Length; m++) into[m] = TensorPrimitives.Dot<double>(product, counts.AsSpan(m * p, p));
    }

    private static void CheckIndices(IReadOnlyList<(int I, int J, int K)> candidates, int rows)
    {
        for (var c = 0; c < candidates.Count; c++)
        {
            var (i, j, k) = candidates[c];
            if ((uint)i >= rows || (uint)j >= rows || (uint)k >= rows)
            {
                throw new ArgumentException($"Candidate {c} ({i}, {j}, {k}) names a row outside the pool of {rows} items.", nameof(candidates));
            }
            if (i == j || i == k || j == k) throw new ArgumentException($"Candidate {c} ({i}, {j}, {k}) repeats an item: a triplet needs three distinct items.", nameof(candidates));
        }
    }
}
