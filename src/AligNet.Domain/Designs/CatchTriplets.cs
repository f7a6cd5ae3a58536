using AligNet.Domain.Participation;

namespace AligNet.Domain.Designs;

/// <summary>
/// Builds catch triplets from the pool's categories: two stimuli of one category and one from a distant category,
/// "distant" meaning a different top level of <see cref="DesignStimulus.CategoryPath"/> (animals/birds vs
/// food/fruit), so that anyone paying attention picks the distant one. The pair comes from the same finest
/// category (identical paths) when the pool allows, else from the deepest shared level that has two members.
/// Practice trials use the same easy triplets, so feedback can be given. Made for one plan at a time (not thread-safe).
/// </summary>
public sealed class CatchTriplets
{
    private const int Attempts = 200;

    private readonly List<DesignStimulus> _categorised;
    private readonly Dictionary<string, int> _topCounts;
    private readonly List<List<DesignStimulus>> _pairGroups;

    // Built only for top levels that hold most of the pool, where drawing at random rarely finds a distant one.
    private readonly Dictionary<string, List<DesignStimulus>> _distantFrom = new(StringComparer.Ordinal);

    public CatchTriplets(IReadOnlyList<DesignStimulus> pool)
    {
        _categorised = pool.Where(s => s.CategoryPath.Count > 0).ToList();
        _topCounts = _categorised.GroupBy(Top, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        _pairGroups = _topCounts.Count < 2 ? [] : FindPairGroups(_categorised);
    }

    /// <summary>True when the pool can make catch triplets: two top-level categories and one category with two members.</summary>
    public bool Available => _pairGroups.Count > 0;

    /// <summary>Why catch triplets cannot be made, with the fix; null when they can.</summary>
    public static string? Unavailable(IReadOnlyList<DesignStimulus> pool) =>
        new CatchTriplets(pool).Available ? null :
        "Catch trials need stimuli with categories: at least two different top-level categories (e.g. animals and food) " +
        "and one category with at least two stimuli. Give the stimuli category paths, or set the catch-trial share to 0.";

    /// <summary>A catch-like triplet the person has not had, added to <paramref name="used"/>; null if none is left.</summary>
    public PlannedTriplet? Draw(Random random, UsedTriplets used, TrialKind kind)
    {
        if (!Available) return null;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var group = _pairGroups[random.Next(_pairGroups.Count)];
            var first = random.Next(group.Count);
            var second = random.Next(group.Count - 1);
            if (second >= first) second++;
            var odd = DrawDistant(random, Top(group[first]));
            if (used.TryAdd(group[first].Id, group[second].Id, odd.Id))
                return new PlannedTriplet(group[first].Id, group[second].Id, odd.Id, kind, odd.Id);
        }
        return null;
    }

    private DesignStimulus DrawDistant(Random random, string top)
    {
        for (var attempt = 0; attempt < 16; attempt++)
        {
            var candidate = _categorised[random.Next(_categorised.Count)];
            if (Top(candidate) != top) return candidate;
        }
        if (!_distantFrom.TryGetValue(top, out var others))
            _distantFrom[top] = others = _categorised.Where(s => Top(s) != top).ToList();
        return others[random.Next(others.Count)];
    }

    private static string Top(DesignStimulus s) => s.CategoryPath[0];

    private static string PathKey(IReadOnlyList<string> path, int depth) => string.Join('/', path.Take(depth));

    // Groups whose members share a category and have someone distant to pair with; the finest available level first.
    private List<List<DesignStimulus>> FindPairGroups(List<DesignStimulus> categorised)
    {
        var finest = categorised
            .GroupBy(s => PathKey(s.CategoryPath, s.CategoryPath.Count), StringComparer.Ordinal)
            .Select(g => g.ToList()).Where(Usable).ToList();
        if (finest.Count > 0) return finest;

        var deepest = categorised.Max(s => s.CategoryPath.Count);
        for (var depth = deepest - 1; depth >= 1; depth--)
        {
            var groups = categorised.Where(s => s.CategoryPath.Count >= depth)
                .GroupBy(s => PathKey(s.CategoryPath, depth), StringComparer.Ordinal)
                .Select(g => g.ToList()).Where(Usable).ToList();
            if (groups.Count > 0) return groups;
        }
        return [];
    }

    private bool Usable(List<DesignStimulus> group) => group.Count >= 2 && _topCounts[Top(group[0])] < _categorised.Count;

    /// <summary>
    /// The odd one out of a triplet by its categories: the stimulus whose path differs from the two others' shared
    /// path, or failing that whose top level differs from theirs; null when the categories do not single one out.
    /// </summary>
    public static Guid? OddOneOut(DesignStimulus a, DesignStimulus b, DesignStimulus c)
    {
        if (a.CategoryPath.Count == 0 || b.CategoryPath.Count == 0 || c.CategoryPath.Count == 0) return null;
        return Odd(s => PathKey(s.CategoryPath, s.CategoryPath.Count)) ?? Odd(Top);

        Guid? Odd(Func<DesignStimulus, string> category)
        {
            var (x, y, z) = (category(a), category(b), category(c));
            if (x == y && y != z) return c.Id;
            if (x == z && x != y) return b.Id;
            if (y == z && x != y) return a.Id;
            return null;
        }
    }
}
