using AligNet.Evaluation.Embeddings;
using AligNet.Evaluation.Statistics;

namespace AligNet.Evaluation.Transfer;

/// <summary>
/// Retention: leave-one-out nearest-neighbour accuracy of the finest category (cosine), for the model's features and
/// the base model's, and their ratio; intervals resample items (paired: the same draw for both).
/// </summary>
public static class Retention
{
    public sealed record Result(int Items, Estimate? Model, Estimate? Base, Estimate? Ratio);

    public static Result Evaluate(EmbeddingMatrix model, EmbeddingMatrix baseline, CategoryHierarchy hierarchy, int bootstrap, long seed)
    {
        var items = hierarchy.FinestClasses(2).SelectMany(c => c).Order().ToArray();
        if (items.Length < 2) throw new ArgumentException("Retention needs categories with at least two items each in the hierarchy.");
        var label = new Dictionary<int, string>();
        foreach (var i in items) label[i] = string.Join('/', hierarchy.Paths[i]);
        var modelHits = Hits(model.Normalized(), items, label);
        var baseHits = Hits(baseline.Normalized(), items, label);
        double[] Figures(Func<int, int> weight)
        {
            double n = 0, m = 0, b = 0;
            for (var u = 0; u < items.Length; u++)
            {
                var w = weight(u);
                n += w;
                m += w * modelHits[u];
                b += w * baseHits[u];
            }
            return [m / n, b / n, b == 0 ? double.NaN : m / b];
        }
        var point = Figures(_ => 1);
        var replicates = bootstrap == 0 ? [] : BootstrapWeights.Run(items.Length, bootstrap, seed, 500, 3, (w, row) => Figures(u => w[u]).CopyTo(row, 0));
        Estimate? At(int f) => Estimate.From(double.IsNaN(point[f]) ? null : point[f], BootstrapWeights.Column(replicates, f));
        return new Result(items.Length, At(0), At(1), At(2));
    }

    private static int[] Hits(EmbeddingMatrix unit, int[] items, Dictionary<int, string> label)
    {
        var hits = new int[items.Length];
        Parallel.For(0, items.Length, u =>
        {
            var (best, bestSim) = (-1, double.NegativeInfinity);
            foreach (var other in items)
            {
                if (other == items[u]) continue;
                var sim = FeatureSpace.Cosine(unit, other, unit.Row(items[u]));
                if (sim > bestSim) (best, bestSim) = (other, sim);
            }
            hits[u] = label[best] == label[items[u]] ? 1 : 0;
        });
        return hits;
    }
}
