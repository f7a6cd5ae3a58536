namespace AligNet.Data.Studies;

/// <summary>
/// Finds a set's stimulus from an image reference such as <c>stimuli/imagenet…/n04536866_6609.JPEG</c>: by the
/// reference's file name against each stimulus's source file name, then its label; exact (case-sensitive) first,
/// then ignoring case. A name shared by two stimuli is reported as ambiguous rather than guessed.
/// </summary>
public sealed class StimulusNames
{
    public enum Match { Found, None, Ambiguous }

    private readonly Dictionary<string, Guid?>[] lookups;

    public StimulusNames(IEnumerable<(Guid Id, string? SourceName, string Label)> stimuli)
    {
        var list = stimuli.ToList();
        lookups =
        [
            Build(list.Select(s => (s.Id, FileName(s.SourceName))), StringComparer.Ordinal),
            Build(list.Select(s => (s.Id, (string?)s.Label)), StringComparer.Ordinal),
            Build(list.Select(s => (s.Id, FileName(s.SourceName))), StringComparer.OrdinalIgnoreCase),
            Build(list.Select(s => (s.Id, (string?)s.Label)), StringComparer.OrdinalIgnoreCase),
        ];
    }

    public Match Find(string reference, out Guid id)
    {
        id = Guid.Empty;
        var name = FileName(reference);
        if (string.IsNullOrEmpty(name)) return Match.None;
        foreach (var lookup in lookups)
        {
            if (!lookup.TryGetValue(name, out var found)) continue;
            if (found is null) return Match.Ambiguous;
            id = found.Value;
            return Match.Found;
        }
        return Match.None;
    }

    private static string? FileName(string? path) =>
        string.IsNullOrWhiteSpace(path) ? null : path.Trim().Replace('\\', '/').Split('/')[^1];

    private static Dictionary<string, Guid?> Build(IEnumerable<(Guid Id, string? Key)> entries, StringComparer comparer)
    {
        var map = new Dictionary<string, Guid?>(comparer);
        foreach (var (id, key) in entries)
        {
            if (string.IsNullOrEmpty(key)) continue;
            map[key] = map.TryGetValue(key, out var existing) && existing != id ? null : id;
        }
        return map;
    }
}
