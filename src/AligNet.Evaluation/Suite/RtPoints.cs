using AligNet.Evaluation.Levels;

namespace AligNet.Evaluation.Suite;

/// <summary>
/// A bounded sample of the triplets behind the entropy-vs-RT ρ, for a scatter plot: per triplet its level, each
/// model's entropy (at its fitted temperature, as ρ uses it) and the geometric mean RT (exp of the mean log RT that ρ
/// ranks, so the plotted ranks are ρ's ranks). <see cref="Total"/> triplets had an RT; at most
/// <see cref="Limit"/> of them are kept, evenly spread over the triplets' order (deterministic, no seed needed).
/// </summary>
public sealed record RtSample(int Total, IReadOnlyList<RtPoint> Points)
{
    public const int Limit = 2000;

    public static RtSample? From(TripletTable table, IReadOnlyList<ModelColumns[]> columns, int limit = Limit)
    {
        var withRt = Enumerable.Range(0, table.Count).Where(t => double.IsFinite(table.MeanLogRt[t])).ToArray();
        if (withRt.Length == 0) return null;
        var kept = withRt.Length <= limit ? withRt : [.. Enumerable.Range(0, limit).Select(i => withRt[(int)((long)i * withRt.Length / limit)])];
        return new RtSample(withRt.Length, [.. kept.Select(t => new RtPoint(table.Level[t].Key(),
            [.. columns.Select(c => c[0].Entropy[t])], 1000 * Math.Exp(table.MeanLogRt[t])))]); // MeanLogRt is of seconds
    }
}

/// <param name="Entropy">Per model of the report (model, baseline), in nats.</param>
/// <param name="RtMs">Geometric mean RT of the triplet's responses, in ms.</param>
public sealed record RtPoint(string Level, IReadOnlyList<double> Entropy, double RtMs);
