using AligNet.Evaluation.Embeddings;
using AligNet.Evaluation.Statistics;
using AligNet.Evaluation.Transfer;

namespace AligNet.Evaluation.Robustness;

/// <summary>
/// A linear probe for the finest category, fitted on the reference features (clean images, or one rendering) and
/// tested on shifted features of the same items (corrupted images, or another rendering of the same concepts).
/// Per seed, 20 % of each category's items (at least one) are held out; the probe is fitted on the rest of the
/// reference. Reported: accuracy on the held-out items in the reference (in distribution) and, per shift, on the
/// held-out items (<c>held_out</c>) and on the training items seen anew (<c>same_items</c>: same concepts, shifted
/// pictures). Intervals resample the pooled test predictions, as <see cref="BreedsProbe"/>.
/// </summary>
public static class ShiftProbe
{
    public sealed record Shifted(Estimate? HeldOut, Estimate? SameItems);

    public sealed record Result(int Classes, int Seeds, Estimate? InDistribution, IReadOnlyList<Shifted> Shifts);

    public static Result Evaluate(EmbeddingMatrix reference, IReadOnlyList<EmbeddingMatrix> shifts, CategoryHierarchy hierarchy, int seeds, int bootstrap, long seed)
    {
        if (hierarchy.ItemCount != reference.Rows) throw new ArgumentException($"The hierarchy covers {hierarchy.ItemCount} items, the features {reference.Rows}.");
        if (shifts.Any(s => s.Rows != reference.Rows || s.Columns != reference.Columns))
        {
            throw new ArgumentException("Every shifted feature file must have the reference's rows and columns: the same items, in the same order, from the same model.");
        }
        var classes = hierarchy.FinestClasses(2);
        if (classes.Count < 2) throw new ArgumentException("The shift probe needs at least two finest categories with two or more items each.");
        var unit = reference.Normalized();
        var shiftedUnit = shifts.Select(s => s.Normalized()).ToList();
        var inDistribution = new List<int>();
        var heldOut = shifts.Select(_ => new List<int>()).ToList();
        var sameItems = shifts.Select(_ => new List<int>()).ToList();
        for (var s = 0; s < seeds; s++)
        {
            var rng = new Random(unchecked((int)(seed * 7919 + s)));
            var (train, trainLabels, test, testLabels) = (new List<int>(), new List<int>(), new List<int>(), new List<int>());
            for (var c = 0; c < classes.Count; c++)
            {
                var items = classes[c].OrderBy(_ => rng.Next()).ToArray();
                var hold = Math.Max(1, (int)Math.Round(items.Length * 0.2));
                foreach (var item in items.Take(hold)) { test.Add(item); testLabels.Add(c); }
                foreach (var item in items.Skip(hold)) { train.Add(item); trainLabels.Add(c); }
            }
            var probe = LinearProbe.Fit(unit, [.. train], [.. trainLabels], classes.Count);
            inDistribution.AddRange(Hits(probe, unit, test, testLabels));
            for (var v = 0; v < shifts.Count; v++)
            {
                heldOut[v].AddRange(Hits(probe, shiftedUnit[v], test, testLabels));
                sameItems[v].AddRange(Hits(probe, shiftedUnit[v], train, trainLabels));
            }
        }
        var results = Enumerable.Range(0, shifts.Count)
            .Select(v => new Shifted(BreedsProbe.Accuracy(heldOut[v], bootstrap, seed, 700 + 2 * v), BreedsProbe.Accuracy(sameItems[v], bootstrap, seed, 701 + 2 * v)))
            .ToList();
        return new Result(classes.Count, seeds, BreedsProbe.Accuracy(inDistribution, bootstrap, seed, 699), results);
    }

    private static IEnumerable<int> Hits(LinearProbe probe, EmbeddingMatrix unit, List<int> items, List<int> labels) =>
        items.Select((item, n) => probe.Predict(unit.Row(item)) == labels[n] ? 1 : 0);
}
