using AligNet.Evaluation.Metrics;
using AligNet.Evaluation.Triplets;

namespace AligNet.Ml.Teacher;

/// <summary>
/// Responses aggregated per item set (a &lt; b &lt; c): the human distribution over the three pairs, in the order of
/// the similarities [S_ab, S_ac, S_bc] = [P(c odd), P(b odd), P(a odd)], and how many responses it rests on.
/// One item set is one training example whatever its response count (ours: THINGS' training triplets are answered once).
/// </summary>
public sealed class TripletTargets
{
    private TripletTargets(long[] a, long[] b, long[] c, float[] distribution, float[] responses)
    {
        (A, B, C, Distribution, Responses) = (a, b, c, distribution, responses);
    }

    public long[] A { get; }
    public long[] B { get; }
    public long[] C { get; }
    /// <summary>Row-major Count × 3.</summary>
    public float[] Distribution { get; }
    public float[] Responses { get; }
    public int Count => A.Length;

    public static TripletTargets From(IEnumerable<TripletResponse> responses)
    {
        var counts = HumanAgreement.From(responses).Counts.OrderBy(kv => kv.Key).ToArray();
        var (a, b, c) = (new long[counts.Length], new long[counts.Length], new long[counts.Length]);
        var distribution = new float[counts.Length * 3];
        var total = new float[counts.Length];
        for (var s = 0; s < counts.Length; s++)
        {
            var ((x, y, z), n) = (counts[s].Key, counts[s].Value); // n = [a odd, b odd, c odd]
            (a[s], b[s], c[s]) = (x, y, z);
            total[s] = n.Sum();
            distribution[3 * s] = n[2] / total[s];
            distribution[3 * s + 1] = n[1] / total[s];
            distribution[3 * s + 2] = n[0] / total[s];
        }
        return new TripletTargets(a, b, c, distribution, total);
    }
}
