namespace AligNet.Evaluation.Suite;

/// <summary>
/// One model at one temperature, reduced to per-triplet columns that the bootstrap sums with weights:
/// correct responses, NLL summed over the responses, the calibration bin and confidence (max probability), the
/// model's entropy, and whether it predicts the human majority.
/// </summary>
public sealed class ModelColumns
{
    public const int Bins = 10;

    public ModelColumns(ModelScores scores, TripletTable table, double temperature)
    {
        Temperature = temperature;
        var n = table.Count;
        (Correct, Nll, Confidence, Entropy, Bin, MajorityHit) = (new double[n], new double[n], new double[n], new double[n], new byte[n], new sbyte[n]);
        Parallel.For(0, n, () => new double[3], (t, _, p) =>
        {
            scores.Probabilities(t, temperature, p);
            var predicted = scores.Predicted[t];
            Correct[t] = predicted < 0 ? 0 : table.Counts[3 * t + predicted];
            double nll = 0, entropy = 0;
            for (var s = 0; s < 3; s++)
            {
                var c = table.Counts[3 * t + s];
                if (c > 0) nll -= c * Math.Log(Math.Max(p[s], double.Epsilon));
                if (p[s] > 0) entropy -= p[s] * Math.Log(p[s]);
            }
            (Nll[t], Entropy[t]) = (nll, entropy);
            Confidence[t] = Math.Max(p[0], Math.Max(p[1], p[2]));
            Bin[t] = (byte)Math.Min((int)(Confidence[t] * Bins), Bins - 1);
            var majority = table.MajoritySlot(t);
            MajorityHit[t] = (sbyte)(majority < 0 ? -1 : predicted == majority ? 1 : 0);
            return p;
        }, _ => { });
    }

    public double Temperature { get; }
    public double[] Correct { get; }
    public double[] Nll { get; }
    public double[] Confidence { get; }
    public double[] Entropy { get; }
    public byte[] Bin { get; }
    /// <summary>1 = predicts the unique human majority, 0 = does not, -1 = the majority is tied (masked).</summary>
    public sbyte[] MajorityHit { get; }
}
