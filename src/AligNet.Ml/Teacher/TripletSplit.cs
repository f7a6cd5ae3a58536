using AligNet.Evaluation.Triplets;

namespace AligNet.Ml.Teacher;

/// <summary>
/// Human responses split by unordered triplet (item set), never by row: every answer to one item set lands in the
/// same split (METHOD.md §2), so a triplet answered twice cannot be trained on and tested on.
/// </summary>
public sealed record TripletSplit(IReadOnlyList<TripletResponse> Train, IReadOnlyList<TripletResponse> Validation, IReadOnlyList<TripletResponse> Test)
{
    /// <summary>Fewer distinct triplets than this leave validation and test splits too small to mean anything.</summary>
    public const int MinimumTriplets = 30;

    public static TripletSplit ByItemSet(IReadOnlyList<TripletResponse> responses, int itemCount, int seed, double trainFraction = 0.8, double validationFraction = 0.1)
    {
        ArgumentNullException.ThrowIfNull(responses);
        for (var r = 0; r < responses.Count; r++)
        {
            var (i, j, k, _) = responses[r];
            if (Math.Min(i, Math.Min(j, k)) < 0 || Math.Max(i, Math.Max(j, k)) >= itemCount)
            {
                throw new ArgumentOutOfRangeException(nameof(responses), $"Response {r} ({i}, {j}, {k}) refers to an item outside 0–{itemCount - 1}: the triplets do not belong to these embeddings.");
            }
            if (i == j || i == k || j == k) throw new ArgumentException($"Response {r} ({i}, {j}, {k}) repeats an item.", nameof(responses));
        }

        var bySet = responses.GroupBy(r => r.ItemSet).ToDictionary(g => g.Key, g => g.ToList());
        if (bySet.Count < MinimumTriplets)
        {
            throw new ArgumentException($"Only {bySet.Count} distinct triplets: a teacher needs at least {MinimumTriplets} to split into train, validation and test.", nameof(responses));
        }
        // Sorted first so that the shuffle, not the dictionary's order, decides the split.
        var sets = bySet.Keys.Order().ToArray();
        new Random(seed).Shuffle(sets);
        var trainCount = Math.Max(1, (int)Math.Round(sets.Length * trainFraction));
        var validationCount = Math.Max(1, (int)Math.Round(sets.Length * validationFraction));
        if (trainCount + validationCount >= sets.Length) throw new ArgumentException("The split fractions leave no test triplets.");

        List<TripletResponse> Take(int start, int count) => [.. sets.Skip(start).Take(count).SelectMany(s => bySet[s])];
        return new TripletSplit(Take(0, trainCount), Take(trainCount, validationCount), Take(trainCount + validationCount, sets.Length));
    }
}
