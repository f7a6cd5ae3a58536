using AligNet.Evaluation.Levels;
using AligNet.Evaluation.Triplets;

namespace AligNet.Evaluation.Suite;

/// <summary>
/// Human responses grouped by unordered triplet (a &lt; b &lt; c), with the per-triplet human figures that the
/// evaluation sums: counts per odd item ("slot" 0, 1, 2 = a, b, c), level, majority, ceilings, entropy,
/// agreement and mean log RT. Responses keep their triplet, slot and participant for the participant bootstrap.
/// </summary>
public sealed class TripletTable
{
    private TripletTable(int count) => (A, B, C, Counts, Level, MeanLogRt) = (new int[count], new int[count], new int[count], new int[count * 3], new AbstractionLevel[count], new double[count]);

    public int Count => A.Length;
    public int[] A { get; }
    public int[] B { get; }
    public int[] C { get; }
    /// <summary>Counts[3t + s]: responses to triplet t that chose slot s as odd.</summary>
    public int[] Counts { get; }
    public AbstractionLevel[] Level { get; }
    /// <summary>Mean of ln(RT in seconds) over the triplet's responses that carry an RT; NaN when none does.</summary>
    public double[] MeanLogRt { get; }
    public int[] ResponseTriplet { get; private set; } = [];
    public byte[] ResponseSlot { get; private set; } = [];
    /// <summary>Participant index of each response (into <see cref="Participants"/>), -1 when the file names none.</summary>
    public int[] ResponseParticipant { get; private set; } = [];
    public IReadOnlyList<string> Participants { get; private set; } = [];
    public bool HasRt => MeanLogRt.Any(double.IsFinite);

    /// <summary>The per-triplet human figures, computed once so that bootstrap replicates only sum them.</summary>
    public HumanColumns Human { get; private set; } = null!;

    public int N(int t) => Counts[3 * t] + Counts[3 * t + 1] + Counts[3 * t + 2];

    public static TripletTable Build(IReadOnlyList<TripletResponse> responses, ItemCategories? categories)
    {
        if (responses.Count == 0) throw new ArgumentException("There are no responses to evaluate.", nameof(responses));
        var index = new Dictionary<(int, int, int), int>();
        var responseTriplet = new int[responses.Count];
        var responseSlot = new byte[responses.Count];
        var responseParticipant = new int[responses.Count];
        var participants = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var r = 0; r < responses.Count; r++)
        {
            var response = responses[r];
            var set = response.ItemSet;
            if (!index.TryGetValue(set, out var t)) index[set] = t = index.Count;
            responseTriplet[r] = t;
            responseSlot[r] = (byte)(response.K == set.Item1 ? 0 : response.K == set.Item2 ? 1 : 2);
            if (response.Subject is { } subject)
            {
                if (!participants.TryGetValue(subject, out var p)) participants[subject] = p = participants.Count;
                responseParticipant[r] = p;
            }
            else
            {
                responseParticipant[r] = -1;
            }
        }

        var table = new TripletTable(index.Count)
        {
            ResponseTriplet = responseTriplet, ResponseSlot = responseSlot, ResponseParticipant = responseParticipant,
            Participants = participants.OrderBy(p => p.Value).Select(p => p.Key).ToArray(),
        };
        foreach (var ((a, b, c), t) in index)
        {
            (table.A[t], table.B[t], table.C[t]) = (a, b, c);
            table.Level[t] = categories?.Classify(a, b, c) ?? AbstractionLevel.Uncategorised;
        }
        var rtSum = new double[index.Count];
        var rtCount = new int[index.Count];
        for (var r = 0; r < responses.Count; r++)
        {
            var t = responseTriplet[r];
            table.Counts[3 * t + responseSlot[r]]++;
            if (responses[r].RtMs is { } ms)
            {
                rtSum[t] += Math.Log(ms / 1000.0);
                rtCount[t]++;
            }
        }
        for (var t = 0; t < index.Count; t++) table.MeanLogRt[t] = rtCount[t] == 0 ? double.NaN : rtSum[t] / rtCount[t];
        table.Human = new HumanColumns(table);
        return table;
    }

    /// <summary>The slot chosen by a unique majority, or -1 when the top count is shared.</summary>
    public int MajoritySlot(int t)
    {
        var (x, y, z) = (Counts[3 * t], Counts[3 * t + 1], Counts[3 * t + 2]);
        if (x > y && x > z) return 0;
        if (y > x && y > z) return 1;
        if (z > x && z > y) return 2;
        return -1;
    }

    /// <summary>The majority's share of the triplet's responses (THINGS-style ceiling term).</summary>
    public double MajorityShare(int t) => (double)Math.Max(Counts[3 * t], Math.Max(Counts[3 * t + 1], Counts[3 * t + 2])) / N(t);

    /// <summary>
    /// Sum over the triplet's responses of the leave-one-out hit: the majority of the other responses predicts the
    /// response; a tie that includes its choice scores 1 / (number tied) (as <c>HumanAgreement.LeaveOneOutCeiling</c>).
    /// </summary>
    public double LeaveOneOutHits(int t)
    {
        double score = 0;
        Span<int> others = stackalloc int[3];
        for (var choice = 0; choice < 3; choice++)
        {
            var count = Counts[3 * t + choice];
            if (count == 0) continue;
            for (var s = 0; s < 3; s++) others[s] = Counts[3 * t + s];
            others[choice]--;
            var max = Math.Max(others[0], Math.Max(others[1], others[2]));
            var tied = (others[0] == max ? 1 : 0) + (others[1] == max ? 1 : 0) + (others[2] == max ? 1 : 0);
            score += (others[choice] == max ? 1.0 / tied : 0.0) * count;
        }
        return score;
    }

    /// <summary>Entropy (nats) of the human choice distribution over the triplet's three items.</summary>
    public double HumanEntropy(int t)
    {
        double n = N(t), h = 0;
        for (var s = 0; s < 3; s++)
        {
            var p = Counts[3 * t + s] / n;
            if (p > 0) h -= p * Math.Log(p);
        }
        return h;
    }

    /// <summary>Probability that two different responses to the triplet agree: Σ c(c − 1) / (n(n − 1)); needs n ≥ 2.</summary>
    public double PairwiseAgreement(int t)
    {
        double n = N(t), same = 0;
        for (var s = 0; s < 3; s++) same += (double)Counts[3 * t + s] * (Counts[3 * t + s] - 1);
        return same / (n * (n - 1));
    }
}
