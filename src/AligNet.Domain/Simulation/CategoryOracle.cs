namespace AligNet.Domain.Simulation;

/// <summary>One simulated judgment: the chosen screen position, its response time, and how hard the triplet was.</summary>
public sealed record OracleAnswer(int Position, double RtMs, int Difficulty, bool Noisy);

/// <summary>
/// The bots' default oracle: the category hierarchy (a stimulus's CategoryPath, coarse to fine). It lives in the
/// domain because the end-to-end pipeline test also answers with it, to give the demo set human-like judgments.
/// <para><b>Choice.</b> The similarity of two items is the depth of their shared category prefix. The odd one out
/// is the item least similar to the other two (the sum of its two similarities is smallest), i.e. the one from
/// the most distant category; ties are broken at random, and with probability <c>noise</c> the choice is random.</para>
/// <para><b>Response time.</b> Log-normal around a median that grows with the difficulty:
/// median = <see cref="BaseMedianMs"/> × (1 + 0.35 × q) × (1.3 if no single item stands out), σ = <see cref="Sigma"/>,
/// where q is the deepest category the odd one still shares with one of the others. So an easy, coarse triplet
/// (bird, bird, hammer: q = 0) takes about 1.5 s, a fine one (sparrow, sparrow, duck: q = 1) about 2 s, and one
/// where two or three items share deep categories without a clear outsider longer still. This is the shape of
/// human odd-one-out RTs (harder, more similar triplets are slower), not a fit to data.</para>
/// </summary>
public sealed class CategoryOracle(double noise)
{
    public const double BaseMedianMs = 1500;
    public const double Sigma = 0.35;
    public const double PerSharedLevel = 0.35;
    public const double AmbiguityFactor = 1.3;

    /// <summary>The mean RT of an easy triplet (log-normal mean = median × e^(σ²/2)); the bots' think time scales from it.</summary>
    public static readonly double EasyMeanMs = BaseMedianMs * Math.Exp(Sigma * Sigma / 2);

    public double Noise { get; } = noise is >= 0 and <= 1 ? noise : throw new ArgumentOutOfRangeException(nameof(noise), "noise is a probability from 0 to 1");

    public static int SharedDepth(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        var depth = 0;
        while (depth < a.Count && depth < b.Count && string.Equals(a[depth], b[depth], StringComparison.Ordinal)) depth++;
        return depth;
    }

    public OracleAnswer Answer(IReadOnlyList<IReadOnlyList<string>> categories, Random random)
    {
        if (categories.Count != 3) throw new ArgumentException("a triplet has three items", nameof(categories));
        var s01 = SharedDepth(categories[0], categories[1]);
        var s02 = SharedDepth(categories[0], categories[2]);
        var s12 = SharedDepth(categories[1], categories[2]);
        // How much each item has in common with the other two; the odd one out has least.
        Span<int> together = [s01 + s02, s01 + s12, s02 + s12];
        var least = Math.Min(together[0], Math.Min(together[1], together[2]));
        var candidates = new List<int>(3);
        for (var i = 0; i < 3; i++) if (together[i] == least) candidates.Add(i);

        var ambiguous = candidates.Count > 1;
        var odd = candidates[random.Next(candidates.Count)];
        var oddShares = odd switch { 0 => Math.Max(s01, s02), 1 => Math.Max(s01, s12), _ => Math.Max(s02, s12) };

        var noisy = random.NextDouble() < Noise;
        var position = noisy ? random.Next(3) : odd;
        var difficulty = oddShares + (ambiguous ? 1 : 0);
        var median = BaseMedianMs * (1 + PerSharedLevel * oddShares) * (ambiguous ? AmbiguityFactor : 1);
        return new OracleAnswer(position, median * Math.Exp(Sigma * Gaussian(random)), difficulty, noisy);
    }

    /// <summary>A standard normal draw (Box–Muller).</summary>
    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(Math.Tau * random.NextDouble());
}
