namespace AligNet.Evaluation.Suite;

/// <summary>Per-triplet human terms (see <see cref="TripletTable"/>); ceilings, entropy and agreement need n ≥ 2 (else 0).</summary>
public sealed class HumanColumns
{
    public HumanColumns(TripletTable table)
    {
        var count = table.Count;
        (Responses, Share, LooHits, Entropy, Agreement) = (new int[count], new double[count], new double[count], new double[count], new double[count]);
        for (var t = 0; t < count; t++)
        {
            var n = table.N(t);
            Responses[t] = n;
            if (n < 2) continue;
            Share[t] = table.MajorityShare(t);
            LooHits[t] = table.LeaveOneOutHits(t);
            Entropy[t] = table.HumanEntropy(t);
            Agreement[t] = table.PairwiseAgreement(t);
        }
    }

    public int[] Responses { get; }
    public double[] Share { get; }
    public double[] LooHits { get; }
    public double[] Entropy { get; }
    public double[] Agreement { get; }
}
