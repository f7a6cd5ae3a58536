using System.Collections.Concurrent;

namespace AligNet.Domain.Designs;

/// <summary>
/// In-memory <see cref="IPairCoverage"/>: the web tier keeps one per study, seeded from the stored trials at
/// start-up, and every session planned afterwards reads and records it. Safe to use from many requests at once;
/// two sessions planned at the same moment may both pick a rare pair, which only costs a little balance.
/// </summary>
public sealed class PairCoverage : IPairCoverage
{
    private readonly ConcurrentDictionary<(Guid Low, Guid High), int> _counts = new();

    public PairCoverage() { }

    /// <summary>Starts from counts already known (e.g. summed from a study's stored main trials).</summary>
    public PairCoverage(IEnumerable<(Guid A, Guid B, int Count)> counts)
    {
        foreach (var (a, b, count) in counts) Add(a, b, count);
    }

    public int CountOf(Guid a, Guid b) => _counts.TryGetValue(Key(a, b), out var count) ? count : 0;

    public void Record(Guid a, Guid b, Guid c)
    {
        Add(a, b, 1);
        Add(a, c, 1);
        Add(b, c, 1);
    }

    public void Add(Guid a, Guid b, int count)
    {
        if (a == b) throw new ArgumentException("A pair needs two different stimuli.", nameof(b));
        _counts.AddOrUpdate(Key(a, b), count, (_, old) => old + count);
    }

    /// <summary>A copy of the counts of every pair shown at least once.</summary>
    public IReadOnlyDictionary<(Guid Low, Guid High), int> Snapshot() => new Dictionary<(Guid, Guid), int>(_counts);

    private static (Guid, Guid) Key(Guid a, Guid b) => a.CompareTo(b) <= 0 ? (a, b) : (b, a);
}
