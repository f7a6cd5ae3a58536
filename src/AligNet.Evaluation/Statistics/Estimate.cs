namespace AligNet.Evaluation.Statistics;

/// <summary>
/// A figure with its bootstrap interval: the point value on the full data and the percentile interval
/// (2.5 %, 97.5 % by default) over the replicates. <see cref="CiLow"/>/<see cref="CiHigh"/> are null when no
/// replicate defined the figure, or when the bootstrap was switched off (0 replicates).
/// </summary>
public sealed record Estimate(double Value, double? CiLow, double? CiHigh)
{
    /// <summary>The interval from resampling participants (all of each one's responses), where responses name them.</summary>
    public double? ParticipantCiLow { get; init; }

    public double? ParticipantCiHigh { get; init; }

    /// <summary>The point value and the percentile interval of the finite replicate values.</summary>
    public static Estimate? From(double? value, IReadOnlyList<double> replicates, double level = 0.95)
    {
        if (value is not { } v || !double.IsFinite(v)) return null;
        var finite = replicates.Where(double.IsFinite).Order().ToArray();
        if (finite.Length == 0) return new Estimate(v, null, null);
        var alpha = (1 - level) / 2;
        return new Estimate(v, Percentile(finite, alpha), Percentile(finite, 1 - alpha));
    }

    /// <summary>Linear interpolation between order statistics (NumPy's default "linear" method).</summary>
    public static double Percentile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
