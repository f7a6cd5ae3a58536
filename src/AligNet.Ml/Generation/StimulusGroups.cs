namespace AligNet.Ml.Generation;

/// <summary>
/// A partition of the pool into groups (classes or clusters), as members listed group by group, with the groups
/// each variant may draw from: every non-empty group, those with ≥ 2 members (the pair of a border triplet) and those
/// with ≥ 3 (within-group triplets).
/// </summary>
public sealed class StimulusGroups
{
    private readonly int[] offsets;
    private readonly int[] members;

    public StimulusGroups(IReadOnlyList<int> groupOfItem, int groupCount)
    {
        GroupOf = [.. groupOfItem];
        offsets = new int[groupCount + 1];
        foreach (var g in GroupOf)
        {
            if ((uint)g >= (uint)groupCount) throw new ArgumentOutOfRangeException(nameof(groupOfItem), g, $"group ids must lie in [0, {groupCount}).");
            offsets[g + 1]++;
        }
        for (var g = 0; g < groupCount; g++) offsets[g + 1] += offsets[g];
        members = new int[GroupOf.Length];
        var next = offsets[..^1].ToArray();
        for (var item = 0; item < GroupOf.Length; item++) members[next[GroupOf[item]]++] = item;
        NonEmpty = [.. Enumerable.Range(0, groupCount).Where(g => Size(g) >= 1)];
        AtLeastTwo = [.. NonEmpty.Where(g => Size(g) >= 2)];
        AtLeastThree = [.. NonEmpty.Where(g => Size(g) >= 3)];
    }

    public int[] GroupOf { get; }
    public int GroupCount => offsets.Length - 1;
    public int[] NonEmpty { get; }
    public int[] AtLeastTwo { get; }
    public int[] AtLeastThree { get; }

    public int Size(int group) => offsets[group + 1] - offsets[group];
    public int Member(int group, int position) => members[offsets[group] + position];

    /// <summary>Groups from labels: one group per distinct label, numbered in order of first appearance.</summary>
    public static StimulusGroups FromLabels(IReadOnlyList<string> labels)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var groupOf = labels.Select(l => ids.TryGetValue(l, out var id) ? id : ids[l] = ids.Count).ToArray();
        return new StimulusGroups(groupOf, ids.Count);
    }

    /// <summary>How many distinct unordered triplets of each shape exist: (between, within, border).</summary>
    public (double Between, double Within, double Border) Capacity()
    {
        double n = GroupOf.Length, pairs = 0, triples = 0, within = 0, border = 0, sumSizes = 0;
        foreach (var g in NonEmpty)
        {
            double s = Size(g);
            within += s * (s - 1) * (s - 2) / 6;
            border += s * (s - 1) / 2 * (n - s);
            // Elementary symmetric sums give Σ_{a<b<c} s_a s_b s_c without a triple loop.
            triples += pairs * s;
            pairs += sumSizes * s;
            sumSizes += s;
        }
        return (triples, within, border);
    }
}
