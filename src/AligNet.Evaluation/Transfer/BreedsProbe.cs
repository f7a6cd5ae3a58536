using AligNet.Evaluation.Embeddings;
using AligNet.Evaluation.Statistics;

namespace AligNet.Evaluation.Transfer;

/// <summary>
/// Distribution shift in the style of BREEDS (Santurkar et al. 2021): the task is the top category (path level 1);
/// within each top category the subcategories (path level 2) are split in two at random; a linear probe is fitted on
/// the items of one half (source) and tested on the other half (target, unseen subcategories) and on 20 % of the source
/// items held out (same subcategories). Several seeds; intervals resample the pooled test predictions.
/// </summary>
public static class BreedsProbe
{
    public sealed record Result(int TopCategories, int Seeds, Estimate? Source, Estimate? Target);

    public static Result Evaluate(EmbeddingMatrix features, CategoryHierarchy hierarchy, int seeds, int bootstrap, long seed)
    {
        var tops = hierarchy.Paths.Select((p, i) => (p, i)).Where(x => x.p.Count >= 2)
            .GroupBy(x => x.p[0], StringComparer.Ordinal)
            .Select(g => (Top: g.Key, Subs: g.GroupBy(x => x.p[1], StringComparer.Ordinal).Select(s => s.Select(x => x.i).ToArray()).ToArray()))
            .Where(t => t.Subs.Length >= 2).OrderBy(t => t.Top, StringComparer.Ordinal).ToArray();
        if (tops.Length < 2)
        {
            throw new ArgumentException("The BREEDS-style probe needs at least two top categories with two or more subcategories each (paths like 'animals/birds').");
        }
        var unit = features.Normalized();
        var sourceHits = new List<int>();
        var targetHits = new List<int>();
        for (var s = 0; s < seeds; s++)
        {
            var rng = new Random(unchecked((int)(seed * 104729 + s)));
            var (train, trainLabels, sourceTest, sourceLabels, target, targetLabels) = (new List<int>(), new List<int>(), new List<int>(), new List<int>(), new List<int>(), new List<int>());
            for (var t = 0; t < tops.Length; t++)
            {
                var subs = tops[t].Subs.OrderBy(_ => rng.Next()).ToArray();
                var half = subs.Length / 2;
                foreach (var item in subs.Take(half).SelectMany(x => x)) { target.Add(item); targetLabels.Add(t); }
                foreach (var item in subs.Skip(half).SelectMany(x => x).OrderBy(_ => rng.Next()))
                {
                    var (list, labels) = rng.NextDouble() < 0.2 ? (sourceTest, sourceLabels) : (train, trainLabels);
                    list.Add(item);
                    labels.Add(t);
                }
            }
            var probe = LinearProbe.Fit(unit, [.. train], [.. trainLabels], tops.Length);
            sourceHits.AddRange(sourceTest.Select((item, n) => probe.Predict(unit.Row(item)) == sourceLabels[n] ? 1 : 0));
            targetHits.AddRange(target.Select((item, n) => probe.Predict(unit.Row(item)) == targetLabels[n] ? 1 : 0));
        }
        return new Result(tops.Length, seeds, Accuracy(sourceHits, bootstrap, seed, 600), Accuracy(targetHits, bootstrap, seed, 601));
    }

    internal static Estimate? Accuracy(List<int> hits, int bootstrap, long seed, int stream)
    {
        if (hits.Count == 0) return null;
        var replicates = bootstrap == 0 ? [] : BootstrapWeights.Run(hits.Count, bootstrap, seed, stream, 1, (w, row) =>
        {
            double right = 0;
            for (var i = 0; i < hits.Count; i++) right += w[i] * hits[i];
            row[0] = right / hits.Count;
        });
        return Estimate.From(hits.Average(), BootstrapWeights.Column(replicates, 0));
    }
}
