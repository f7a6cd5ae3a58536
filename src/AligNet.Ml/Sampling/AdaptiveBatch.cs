namespace AligNet.Ml.Sampling;

/// <summary>
/// How a batch of B trials is taken from scored candidates (ADR-022): round(share · B) uniformly random candidates
/// (the permanent random arm, an unbiased sample) and the B − that many highest-scoring of the rest (ties: the
/// earlier candidate). The random ones are drawn from the candidates the top-B picks did not take.
/// </summary>
public static class AdaptiveBatch
{
    public const double DefaultRandomShare = 0.15;

    /// <summary>Candidate positions with whether each was taken by the random arm; adaptive picks first, best first.</summary>
    public static IReadOnlyList<(int Candidate, bool RandomArm)> Choose(IReadOnlyList<double> scores, int batch, double randomShare, Random random)
    {
        ArgumentNullException.ThrowIfNull(scores);
        if (randomShare is < 0 or > 1 || double.IsNaN(randomShare)) throw new ArgumentOutOfRangeException(nameof(randomShare), randomShare, "The random arm's share is a fraction from 0 to 1.");
        if (batch < 0 || batch > scores.Count) throw new ArgumentOutOfRangeException(nameof(batch), batch, $"A batch takes from 0 to the {scores.Count} candidates.");
        var randomCount = RandomCount(batch, randomShare);
        var ranked = Enumerable.Range(0, scores.Count).OrderByDescending(c => scores[c]).ThenBy(c => c).ToArray();
        var chosen = new List<(int, bool)>(batch);
        for (var t = 0; t < batch - randomCount; t++) chosen.Add((ranked[t], false));
        var rest = ranked[(batch - randomCount)..];
        for (var t = 0; t < randomCount; t++) // partial Fisher–Yates over the candidates left
        {
            var pick = random.Next(t, rest.Length);
            (rest[t], rest[pick]) = (rest[pick], rest[t]);
            chosen.Add((rest[t], true));
        }
        return chosen;
    }

    public static int RandomCount(int batch, double randomShare) => (int)Math.Round(batch * randomShare, MidpointRounding.AwayFromZero);
}
