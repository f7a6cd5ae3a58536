namespace AligNet.Ml.Teacher;

/// <summary>
/// Uncertainty calibration (METHOD.md §2): the single temperature T &gt; 0 that minimises the mean negative
/// log-likelihood of held-out human choices under softmax(S / T). The NLL is convex in 1/T, hence unimodal in log T,
/// so a golden-section search over log T finds the minimum without gradients.
/// </summary>
public static class TemperatureFit
{
    public const double MinTemperature = 1e-4;
    public const double MaxTemperature = 1e4;

    /// <param name="similarities">Per response: the similarity of the pair the human kept together, then the other two.</param>
    public static double Fit(IReadOnlyList<(double Chosen, double Other1, double Other2)> similarities)
    {
        if (similarities.Count == 0) throw new ArgumentException("No responses to fit a temperature on.", nameof(similarities));
        double lo = Math.Log(MinTemperature), hi = Math.Log(MaxTemperature);
        var ratio = (Math.Sqrt(5) - 1) / 2;
        double x1 = hi - ratio * (hi - lo), x2 = lo + ratio * (hi - lo);
        double f1 = Nll(similarities, Math.Exp(x1)), f2 = Nll(similarities, Math.Exp(x2));
        while (hi - lo > 1e-7)
        {
            if (f1 <= f2)
            {
                (hi, x2, f2) = (x2, x1, f1);
                x1 = hi - ratio * (hi - lo);
                f1 = Nll(similarities, Math.Exp(x1));
            }
            else
            {
                (lo, x1, f1) = (x1, x2, f2);
                x2 = lo + ratio * (hi - lo);
                f2 = Nll(similarities, Math.Exp(x2));
            }
        }
        return Math.Exp((lo + hi) / 2);
    }

    public static double Nll(IReadOnlyList<(double Chosen, double Other1, double Other2)> similarities, double temperature)
    {
        double total = 0;
        foreach (var (chosen, o1, o2) in similarities)
        {
            var (a, b, c) = (chosen / temperature, o1 / temperature, o2 / temperature);
            var max = Math.Max(a, Math.Max(b, c));
            total += max + Math.Log(Math.Exp(a - max) + Math.Exp(b - max) + Math.Exp(c - max)) - a;
        }
        return total / similarities.Count;
    }
}
