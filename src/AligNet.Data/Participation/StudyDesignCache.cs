using System.Collections.Concurrent;
using AligNet.Domain.Designs;
using AligNet.Domain.Studies;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Data.Participation;

/// <summary>
/// Per-process memory of what designs need at every session start and trial batch: a stimulus set's pool (sets
/// never change after import) and whether a study's design can plan at all. The pair coverage is not cached: it
/// lives in PostgreSQL (<c>alignet.pair_coverage</c>), shared by every web instance (ADR-018).
/// </summary>
public sealed class StudyDesignCache(IDbContextFactory<AligNetDbContext> contexts)
{
    private readonly ConcurrentDictionary<Guid, Lazy<Task<IReadOnlyList<DesignStimulus>>>> pools = new();
    private readonly ConcurrentDictionary<Guid, bool> validStudies = new();

    /// <summary>The stimuli of a set that have an image to show, in index order.</summary>
    public Task<IReadOnlyList<DesignStimulus>> PoolAsync(Guid setId) =>
        GetOrLoad(pools, setId, async () =>
        {
            await using var db = await contexts.CreateDbContextAsync();
            var rows = await db.Stimuli.AsNoTracking().Where(s => s.StimulusSetId == setId && s.ImagePath != null)
                .OrderBy(s => s.Index).Select(s => new { s.Id, s.CategoryPath }).ToListAsync();
            return (IReadOnlyList<DesignStimulus>)[.. rows.Select(r => new DesignStimulus(r.Id, r.CategoryPath))];
        });

    /// <summary>
    /// Why the study's design cannot plan sessions (<see cref="DesignCheck"/> errors joined), or null. A passing
    /// check is remembered per study and process (opening a study runs the same check, and the design freezes with
    /// the first session); a failing one is repeated, so a corrected study starts at once.
    /// </summary>
    public async Task<string?> DesignErrorsAsync(Study study)
    {
        if (validStudies.ContainsKey(study.Id)) return null;
        var pool = await PoolAsync(study.StimulusSetId);
        var errors = DesignCheck.Validate(study, pool).Where(p => p.Severity == DesignProblemSeverity.Error).Select(p => p.Message).ToList();
        if (errors.Count > 0) return string.Join(" ", errors);
        validStudies.TryAdd(study.Id, true);
        return null;
    }

    /// <summary>A failed load is forgotten, so the next request tries again instead of failing forever.</summary>
    private static async Task<T> GetOrLoad<T>(ConcurrentDictionary<Guid, Lazy<Task<T>>> cache, Guid key, Func<Task<T>> load)
    {
        var lazy = cache.GetOrAdd(key, _ => new Lazy<Task<T>>(load));
        try
        {
            return await lazy.Value;
        }
        catch
        {
            cache.TryRemove(new KeyValuePair<Guid, Lazy<Task<T>>>(key, lazy));
            throw;
        }
    }
}
