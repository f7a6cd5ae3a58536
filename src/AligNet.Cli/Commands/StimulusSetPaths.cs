using AligNet.Data;
using AligNet.Data.Imports;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Cli.Commands;

/// <summary>
/// The category paths of a stimulus set's stimuli in index order, which is the row order of the set's embeddings
/// and triplet exports; for <c>alignet evaluate --set</c>.
/// </summary>
internal static class StimulusSetPaths
{
    /// <param name="embeddingRows">The rows the set must have (those of the embeddings it is compared with); null for any.</param>
    public static async Task<IReadOnlyList<IReadOnlyList<string>>> LoadAsync(string idOrName, int? embeddingRows, CancellationToken ct)
    {
        await using var db = AligNetDbContext.Create(CliConfiguration.ConnectionString());
        Guid setId;
        try
        {
            setId = await StimulusSets.ResolveAsync(db, idOrName, ct);
        }
        catch (ArgumentException)
        {
            var names = await db.StimulusSets.OrderBy(s => s.Name).Select(s => s.Name).Take(20).ToListAsync(ct);
            var known = names.Count == 0 ? "there are none yet: import one with 'alignet import stimuli' or 'alignet import concepts'" : "known sets: " + string.Join(", ", names);
            throw new ArgumentException($"No stimulus set named or numbered '{idOrName}' (--set): give a set's exact name or id; {known}.");
        }
        var paths = await db.Stimuli.AsNoTracking().Where(s => s.StimulusSetId == setId).OrderBy(s => s.Index)
            .Select(s => s.CategoryPath).ToListAsync(ct);
        if (embeddingRows is not null && paths.Count != embeddingRows)
        {
            throw new ArgumentException($"Stimulus set '{idOrName}' has {paths.Count} stimuli, the embeddings {embeddingRows} rows: " +
                "evaluate with the embeddings of that set (one row per stimulus, in index order), or pass --categories.");
        }
        if (paths.All(p => p.Length == 0))
        {
            throw new ArgumentException($"No stimulus of set '{idOrName}' has a category path, so no level can be told: pass --categories with a category matrix.");
        }
        return paths;
    }
}
