using AligNet.Evaluation.Triplets;

namespace AligNet.Evaluation.Metrics;

/// <summary>
/// Responses grouped by unordered triplet: how many people chose each item of the set as odd one out.
/// The basis of majority accuracy and of the noise ceilings (METHOD.md §5).
/// </summary>
public sealed class HumanAgreement
{
    private HumanAgreement(Dictionary<(int, int, int), int[]> counts) => Counts = counts;

    /// <summary>Per item set (a &lt; b &lt; c): how often a, b and c were chosen as odd.</summary>
    public IReadOnlyDictionary<(int A, int B, int C), int[]> Counts { get; }

    public static HumanAgreement From(IEnumerable<TripletResponse> responses)
    {
        var counts = new Dictionary<(int, int, int), int[]>();
        foreach (var r in responses)
        {
            var set = r.ItemSet;
            if (!counts.TryGetValue(set, out var c)) counts[set] = c = new int[3];
            c[r.K == set.Item1 ? 0 : r.K == set.Item2 ? 1 : 2]++;
        }
        return new HumanAgreement(counts);
    }

    /// <summary>The majority's odd one out, or null when the top count is shared (such triplets are masked).</summary>
    public static int? MajorityOdd((int A, int B, int C) set, int[] counts)
    {
        var max = counts.Max();
        if (counts.Count(c => c == max) > 1) return null;
        return Array.IndexOf(counts, max) switch { 0 => set.A, 1 => set.B, _ => set.C };
    }

    /// <summary>THINGS-style ceiling: mean over triplets with ≥ 2 responses of the majority's share; null if none.</summary>
    public double? NoiseCeiling()
    {
        var repeated = Counts.Values.Where(c => c.Sum() >= 2).ToList();
        return repeated.Count == 0 ? null : repeated.Average(c => (double)c.Max() / c.Sum());
    }

    /// <summary>
    /// Levels-style ceiling: each response predicted by the majority of the other responses to its triplet;
    /// a tie among the others that includes the response's choice scores 1 / (number tied). Null if no triplet repeats.
    /// </summary>
    public double? LeaveOneOutCeiling()
    {
        double score = 0;
        long n = 0;
        foreach (var counts in Counts.Values.Where(c => c.Sum() >= 2))
        {
            for (var choice = 0; choice < 3; choice++)
            {
                if (counts[choice] == 0) continue;
                var others = (int[])counts.Clone();
                others[choice]--;
                var max = others.Max();
                var tied = others.Count(c => c == max);
                var hit = others[choice] == max ? 1.0 / tied : 0.0;
                score += hit * counts[choice];
                n += counts[choice];
            }
        }
        return n == 0 ? null : score / n;
    }
}
