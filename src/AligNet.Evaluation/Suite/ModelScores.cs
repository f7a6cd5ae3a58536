using AligNet.Evaluation.Metrics;

namespace AligNet.Evaluation.Suite;

/// <summary>
/// A model's pair similarities over every triplet of a <see cref="TripletTable"/>, and what follows from them at a
/// temperature: slot probabilities (slot s odd ⇔ the other two are the most similar pair), the predicted slot
/// (-1 on a tie of the largest similarity, which counts as wrong) and the entropy of the model's distribution.
/// </summary>
public sealed class ModelScores
{
    // Sims[3t + s] = similarity of the pair that leaves slot s out: s = 0 → S_bc, 1 → S_ac, 2 → S_ab.
    private readonly double[] sims;

    public ModelScores(OddOneOutModel model, TripletTable table)
    {
        sims = new double[table.Count * 3];
        Parallel.For(0, table.Count, t =>
        {
            var (a, b, c) = (table.A[t], table.B[t], table.C[t]);
            sims[3 * t] = model.Similarity(b, c);
            sims[3 * t + 1] = model.Similarity(a, c);
            sims[3 * t + 2] = model.Similarity(a, b);
        });
        Predicted = new sbyte[table.Count];
        for (var t = 0; t < table.Count; t++)
        {
            var (x, y, z) = (sims[3 * t], sims[3 * t + 1], sims[3 * t + 2]);
            Predicted[t] = (sbyte)(x > y && x > z ? 0 : y > x && y > z ? 1 : z > x && z > y ? 2 : -1);
        }
    }

    public int Count => Predicted.Length;
    public sbyte[] Predicted { get; }

    /// <summary>softmax(sims / T) of triplet t into <paramref name="p"/> (3 values).</summary>
    public void Probabilities(int t, double temperature, Span<double> p)
    {
        var (x, y, z) = (sims[3 * t] / temperature, sims[3 * t + 1] / temperature, sims[3 * t + 2] / temperature);
        var max = Math.Max(x, Math.Max(y, z));
        var (ex, ey, ez) = (Math.Exp(x - max), Math.Exp(y - max), Math.Exp(z - max));
        var sum = ex + ey + ez;
        (p[0], p[1], p[2]) = (ex / sum, ey / sum, ez / sum);
    }

    /// <summary>Mean NLL of the responses at a temperature (used to fit T).</summary>
    public double MeanNll(TripletTable table, double temperature)
    {
        Span<double> p = stackalloc double[3];
        double nll = 0;
        long n = 0;
        for (var t = 0; t < Count; t++)
        {
            Probabilities(t, temperature, p);
            for (var s = 0; s < 3; s++)
            {
                var c = table.Counts[3 * t + s];
                if (c > 0) nll -= c * Math.Log(Math.Max(p[s], double.Epsilon));
                n += c;
            }
        }
        return nll / n;
    }

    /// <summary>
    /// The temperature that minimises the mean NLL of these responses: golden-section search on ln T over a range
    /// set by the spread of the similarities (the NLL is unimodal in T for a fixed set of similarities).
    /// </summary>
    public double FitTemperature(TripletTable table)
    {
        var spread = 0.0;
        for (var t = 0; t < Count; t++)
        {
            var (x, y, z) = (sims[3 * t], sims[3 * t + 1], sims[3 * t + 2]);
            spread = Math.Max(spread, Math.Max(x, Math.Max(y, z)) - Math.Min(x, Math.Min(y, z)));
        }
        if (spread == 0) return 1.0;
        double lo = Math.Log(spread) - 12, hi = Math.Log(spread) + 6;
        var golden = (Math.Sqrt(5) - 1) / 2;
        double x1 = hi - golden * (hi - lo), x2 = lo + golden * (hi - lo);
        double f1 = MeanNll(table, Math.Exp(x1)), f2 = MeanNll(table, Math.Exp(x2));
        for (var i = 0; i < 60 && hi - lo > 1e-6; i++)
        {
            if (f1 < f2)
            {
                (hi, x2, f2) = (x2, x1, f1);
                x1 = hi - golden * (hi - lo);
                f1 = MeanNll(table, Math.Exp(x1));
            }
            else
            {
                (lo, x1, f1) = (x1, x2, f2);
                x2 = lo + golden * (hi - lo);
                f2 = MeanNll(table, Math.Exp(x2));
            }
        }
        return Math.Exp((lo + hi) / 2);
    }
}
