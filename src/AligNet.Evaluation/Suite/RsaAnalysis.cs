using AligNet.Evaluation.Metrics;
using AligNet.Evaluation.Statistics;

namespace AligNet.Evaluation.Suite;

/// <summary>
/// RSA (METHOD.md §5): Spearman ρ between the upper triangles of the model's and the human dissimilarity matrices.
/// Dissimilarity is taken as −similarity on both sides, and ρ is rank-based, so ρ(dissimilarities) = ρ(similarities).
/// Intervals resample items (a pair drawn as (i, j) counts w_i·w_j times), since pairs that share an item are not
/// independent; the human matrix is held fixed.
/// </summary>
public static class RsaAnalysis
{
    /// <summary>At most this many replicates: one replicate re-ranks every pair, which is costly for large item sets.</summary>
    public const int MaxReplicates = 200;

    public static RsaReport Evaluate(HumanSimilarity human, IReadOnlyList<OddOneOutModel> models, SuiteOptions options)
    {
        var n = human.Items;
        var pairA = new List<int>();
        var pairB = new List<int>();
        var humanValues = new List<double>();
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                var h = human[i, j];
                if (!double.IsFinite(h)) continue;
                pairA.Add(i);
                pairB.Add(j);
                humanValues.Add(h);
            }
        }
        var replicates = Math.Min(options.Bootstrap, MaxReplicates);
        var rho = new List<Estimate?>();
        for (var m = 0; m < models.Count; m++)
        {
            var model = models[m];
            var modelValues = pairA.Select((a, p) => model.Similarity(a, pairB[p])).ToArray();
            var spearman = new Spearman(modelValues, [.. humanValues]);
            var results = replicates == 0 ? [] : BootstrapWeights.Run(n, replicates, options.Seed, 300, 1, (w, row) =>
            {
                var pairWeights = new int[pairA.Count];
                for (var p = 0; p < pairWeights.Length; p++) pairWeights[p] = w[pairA[p]] * w[pairB[p]];
                row[0] = spearman.Rho(pairWeights) ?? double.NaN;
            });
            rho.Add(Estimate.From(spearman.Rho(), BootstrapWeights.Column(results, 0)));
        }
        return new RsaReport(human.Source, n, pairA.Count, replicates, rho);
    }
}
