using System.Collections.Concurrent;
using AligNet.Domain.Designs;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Data.Participation;

/// <summary>
/// Per-process memory of what designs need at every session start: a stimulus set's pool (sets never change
/// after import) and each study's pair coverage (seeded once from the stored trials, then kept up to date by
/// the planner). With several web instances each keeps its own coverage: balance stays approximate, which is
/// all a balanced random design promises, and no request waits on a shared counter.
/// </summary>
public sealed class StudyDesignCache(IDbContextFactory<AligNetDbContext> contexts)
{
    private readonly ConcurrentDictionary<Guid, Lazy<Task<IReadOnlyList<DesignStimulus>>>> pools = new();
    private readonly ConcurrentDictionary<Guid, Lazy<Task<IPairCoverage>>> coverages = new();

    /// <summary>The stimuli of a set that have an image to show, in index order.</summary>
    public Task<IReadOnlyList<DesignStimulus>> PoolAsync(Guid setId) =>
        GetOrLoad(pools, setId, async () =>
        {
            await using var db = await contexts.CreateDbContextAsync();
            var rows = await db.Stimuli.AsNoTracking().Where(s => s.StimulusSetId == setId && s.ImagePath != null)
                .OrderBy(s => s.Index).Select(s => new { s.Id, s.CategoryPath }).ToListAsync();
            return (IReadOnlyList<DesignStimulus>)[.. rows.Select(r => new DesignStimulus(r.Id, r.CategoryPath))];
        });

    public Task<IPairCoverage> CoverageAsync(Guid studyId) =>
        GetOrLoad(coverages, studyId, async () =>
        {
            await using var db = await contexts.CreateDbContextAsync();
            IPairCoverage coverage = new PairCoverage();
            var shown = db.Trials.AsNoTracking().Where(t => t.Session!.StudyId == studyId)
                .Select(t => new { t.Stimulus0Id, t.Stimulus1Id, t.Stimulus2Id }).AsAsyncEnumerable();
            await foreach (var t in shown) coverage.Record(t.Stimulus0Id, t.Stimulus1Id, t.Stimulus2Id);
            return coverage;
        });

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
