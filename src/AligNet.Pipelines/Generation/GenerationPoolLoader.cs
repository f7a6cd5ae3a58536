using AligNet.Data;
using AligNet.Evaluation.Embeddings;
using AligNet.Ml.Generation;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Pipelines.Generation;

/// <summary>
/// The pool of a data set from the database: every stimulus of the given sets (set by set, each in index order) that
/// has an embedding of the teacher's base model. Ids are the stimulus ids; the class of a stimulus is its finest
/// category (the last entry of its category path), and the pool has classes only when every stimulus has one.
/// </summary>
public static class GenerationPoolLoader
{
    public static async Task<GenerationPool> LoadAsync(AligNetDbContext db, IReadOnlyList<Guid> setIds, string model, string version, CancellationToken ct = default)
    {
        var rows = new List<(Guid Id, string[] Path, float[] Vector)>();
        foreach (var setId in setIds)
        {
            var items = await db.Stimuli.AsNoTracking().Where(s => s.StimulusSetId == setId)
                .Join(db.Embeddings.Where(e => e.Model == model && e.Version == version), s => s.Id, e => e.StimulusId, (s, e) => new { s.Id, s.Index, s.CategoryPath, e.Vector })
                .OrderBy(x => x.Index).ToListAsync(ct);
            rows.AddRange(items.Select(x => (x.Id, x.CategoryPath, x.Vector)));
        }
        if (rows.Count < 3)
        {
            throw new GenerationException($"the pool has {rows.Count} stimuli with embeddings of {model} {version}; a triplet needs 3: compute or import embeddings (alignet embed / alignet import embeddings).");
        }
        var columns = rows[0].Vector.Length;
        if (rows.Any(r => r.Vector.Length != columns)) throw new GenerationException($"the embeddings of {model} {version} differ in length across the pool; re-import them.");
        var values = new double[rows.Count * columns];
        for (var r = 0; r < rows.Count; r++) for (var c = 0; c < columns; c++) values[r * columns + c] = rows[r].Vector[c];
        var labels = rows.All(r => r.Path.Length > 0) ? rows.Select(r => r.Path[^1]).ToArray() : null;
        return new GenerationPool(new EmbeddingMatrix(rows.Count, columns, values), [.. rows.Select(r => r.Id.ToString())], labels);
    }
}
