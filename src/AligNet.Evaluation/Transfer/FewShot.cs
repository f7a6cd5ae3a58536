using AligNet.Evaluation.Embeddings;
using AligNet.Evaluation.Statistics;

namespace AligNet.Evaluation.Transfer;

/// <summary>
/// n-way k-shot classification with class prototypes (METHOD.md §5): each episode draws n finest categories, k support
/// and <see cref="Queries"/> query items from each; a query is assigned to the prototype (mean unit feature of the
/// support) with the highest cosine. Accuracy is the mean over episodes of all seeds; the interval resamples episodes.
/// Use categories held out from the model's training (give a hierarchy that lists only those).
/// </summary>
public static class FewShot
{
    public const int Queries = 5;

    public sealed record Result(int Ways, int Shots, int Episodes, int Classes, Estimate? Accuracy, IReadOnlyList<double> PerSeed);

    public static Result Evaluate(EmbeddingMatrix features, CategoryHierarchy hierarchy, int ways, int shots, int seeds, int episodesPerSeed, int bootstrap, long seed)
    {
        if (ways < 2 || shots < 1) throw new ArgumentException($"Few-shot needs at least 2 ways and 1 shot, not {ways}-way {shots}-shot.");
        var classes = hierarchy.FinestClasses(shots + Queries);
        if (classes.Count < ways)
        {
            throw new ArgumentException($"{ways}-way {shots}-shot needs {ways} categories with at least {shots + Queries} items each; the hierarchy has {classes.Count}: lower --few-shot-ways/--few-shot-shots or give a richer hierarchy.");
        }
        var unit = features.Normalized();
        var episodes = new List<double>();
        var perSeed = new List<double>();
        for (var s = 0; s < seeds; s++)
        {
            var rng = new Random(unchecked((int)(seed * 7919 + s)));
            var start = episodes.Count;
            for (var e = 0; e < episodesPerSeed; e++) episodes.Add(Episode(unit, classes, ways, shots, rng));
            perSeed.Add(episodes.Skip(start).Average());
        }
        var point = episodes.Average();
        var replicates = bootstrap == 0 ? [] : BootstrapWeights.Run(episodes.Count, bootstrap, seed, 400, 1, (w, row) =>
            row[0] = episodes.Select((a, i) => a * w[i]).Sum() / episodes.Count);
        return new Result(ways, shots, episodes.Count, classes.Count, Estimate.From(point, BootstrapWeights.Column(replicates, 0)), perSeed);
    }

    private static double Episode(EmbeddingMatrix unit, IReadOnlyList<int[]> classes, int ways, int shots, Random rng)
    {
        var chosen = classes.OrderBy(_ => rng.Next()).Take(ways).ToArray();
        var split = chosen.Select(c => c.OrderBy(_ => rng.Next()).Take(shots + Queries).ToArray()).ToArray();
        var prototypes = split.Select(items => FeatureSpace.Mean(unit, items.Take(shots))).ToArray();
        var (right, total) = (0, 0);
        for (var c = 0; c < ways; c++)
        {
            foreach (var query in split[c].Skip(shots))
            {
                var best = Enumerable.Range(0, ways).MaxBy(p => FeatureSpace.Cosine(unit, query, prototypes[p]));
                if (best == c) right++;
                total++;
            }
        }
        return (double)right / total;
    }
}
