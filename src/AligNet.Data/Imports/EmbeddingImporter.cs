using AligNet.Domain.Models;
using AligNet.Evaluation.Embeddings;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Data.Imports;

/// <summary>
/// Stores base-model embeddings for a stimulus set under (model, version), replacing that model version's earlier
/// vectors in the same transaction. Rows map to stimuli through an id list (stimulus label or imported file name,
/// one per row), or, without a list, row t is the stimulus with index t.
/// </summary>
public sealed class EmbeddingImporter(AligNetDbContext db)
{
    public async Task<int> ImportAsync(Guid setId, string model, string version, EmbeddingMatrix matrix, IReadOnlyList<string>? ids, string sourceName, CancellationToken ct = default)
    {
        var problems = new List<ImportProblem>();
        if (string.IsNullOrWhiteSpace(model) || model.Length > 100) problems.Add(new(null, null, "the model name must have 1–100 characters."));
        if (string.IsNullOrWhiteSpace(version) || version.Length > 100) problems.Add(new(null, null, "the model version must have 1–100 characters."));
        if (matrix.FirstNonFinite() is { } bad) problems.Add(new(null, null, $"row {bad.Row}, column {bad.Column} is NaN or infinite."));

        var stimuli = await db.Stimuli.Where(s => s.StimulusSetId == setId).OrderBy(s => s.Index)
            .Select(s => new { s.Id, s.Index, s.Label, s.SourceName }).ToListAsync(ct);
        if (stimuli.Count == 0) problems.Add(new(null, null, "the stimulus set has no stimuli (or does not exist)."));

        var rowToStimulus = new Guid[matrix.Rows];
        if (ids is null)
        {
            if (stimuli.Count > 0 && matrix.Rows != stimuli.Count)
            {
                problems.Add(new(null, null, $"{matrix.Rows} rows for {stimuli.Count} stimuli: give an id list (--ids) or one row per stimulus in index order."));
            }
            else
            {
                for (var r = 0; r < matrix.Rows; r++) rowToStimulus[r] = stimuli[r].Id;
            }
        }
        else
        {
            if (ids.Count != matrix.Rows) problems.Add(new(null, null, $"the id list has {ids.Count} entries for {matrix.Rows} rows."));
            var byName = stimuli.SelectMany(s => new[] { (Key: s.Label, s.Id), (Key: s.SourceName ?? "", s.Id) })
                .Where(k => k.Key.Length > 0).GroupBy(k => k.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(x => x.Id).Distinct().ToList(), StringComparer.Ordinal);
            var seen = new HashSet<Guid>();
            for (var r = 0; r < Math.Min(ids.Count, matrix.Rows); r++)
            {
                if (!byName.TryGetValue(ids[r], out var match)) problems.Add(new(r + 1, ids[r], "matches no stimulus label or file name in the set."));
                else if (match.Count > 1) problems.Add(new(r + 1, ids[r], "matches several stimuli; use file names."));
                else if (!seen.Add(match[0])) problems.Add(new(r + 1, ids[r], "names a stimulus that an earlier row already names."));
                else rowToStimulus[r] = match[0];
            }
        }
        if (problems.Count > 0) throw new ImportValidationException(sourceName, problems);

        var vectors = new List<(Guid, float[])>(matrix.Rows);
        for (var r = 0; r < matrix.Rows; r++)
        {
            var vector = new float[matrix.Columns];
            var row = matrix.Row(r);
            for (var c = 0; c < vector.Length; c++) vector[c] = (float)row[c];
            vectors.Add((rowToStimulus[r], vector));
        }
        await StoreAsync(setId, model, version, vectors, ct);
        return matrix.Rows;
    }

    /// <summary>
    /// Replaces the set's vectors of (model, version) with these, in one transaction. For callers that already know
    /// which stimulus each vector belongs to (the ResNet18 pipeline).
    /// </summary>
    public async Task StoreAsync(Guid setId, string model, string version, IReadOnlyList<(Guid StimulusId, float[] Vector)> vectors, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var ofSet = db.Stimuli.Where(s => s.StimulusSetId == setId).Select(s => s.Id);
        await db.Embeddings.Where(e => e.Model == model && e.Version == version && ofSet.Contains(e.StimulusId)).ExecuteDeleteAsync(ct);
        db.ChangeTracker.Clear(); // the bulk delete bypassed the tracker: forget anything it still holds
        var now = DateTimeOffset.UtcNow;
        foreach (var (stimulusId, vector) in vectors)
        {
            db.Embeddings.Add(new StimulusEmbedding { StimulusId = stimulusId, Model = model, Version = version, Vector = vector, CreatedAt = now });
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
    }
}
