using AligNet.Domain.Participation;
using AligNet.Evaluation.Embeddings;
using AligNet.Evaluation.Triplets;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Data.Models;

/// <summary>What a teacher is trained on, read from the database: embeddings in stimulus-index order and every usable judgment.</summary>
/// <param name="StimulusIds">Row t of <see cref="Embeddings"/> belongs to StimulusIds[t].</param>
/// <param name="Snapshot">Counts per source, stored with the model version.</param>
public sealed record TrainingData(EmbeddingMatrix Embeddings, IReadOnlyList<Guid> StimulusIds, IReadOnlyList<TripletResponse> Responses, TrainingDataSnapshot Snapshot);

public sealed record TrainingDataSnapshot(int Stimuli, int PlatformResponses, int ExcludedSessionsLeftOut, int ImportedTriplets, IReadOnlyList<string> ImportedDatasets);

/// <summary>
/// Loads training data for a stimulus set: the base model's vectors, the platform's answered trials of sessions
/// not excluded by QC (practice trials left out: people are still learning the task there), and the imported human triplet data sets of the set. Stimuli without a vector of that model
/// version, and judgments that touch them, are left out (and counted).
/// </summary>
public static class TrainingDataLoader
{
    public static async Task<TrainingData> LoadAsync(AligNetDbContext db, Guid setId, string model, string version, CancellationToken ct = default)
    {
        var vectors = await db.Embeddings.AsNoTracking()
            .Join(db.Stimuli.Where(s => s.StimulusSetId == setId), e => e.StimulusId, s => s.Id, (e, s) => new { e.StimulusId, s.Index, e.Model, e.Version, e.Vector })
            .Where(x => x.Model == model && x.Version == version)
            .OrderBy(x => x.Index).ToListAsync(ct);
        if (vectors.Count < 3)
        {
            throw new ArgumentException($"The stimulus set has {vectors.Count} embeddings of {model} {version}; compute or import them first (alignet embed / alignet import embeddings).");
        }
        var columns = vectors[0].Vector.Length;
        var values = new double[vectors.Count * columns];
        for (var r = 0; r < vectors.Count; r++)
        {
            for (var c = 0; c < columns; c++) values[r * columns + c] = vectors[r].Vector[c];
        }
        var rowOf = vectors.Select((v, row) => (v.StimulusId, row)).ToDictionary(x => x.StimulusId, x => x.row);

        var responses = new List<TripletResponse>();
        var platform = await db.Responses.AsNoTracking()
            .Where(r => r.ChosenStimulusId != null)
            .Join(db.Trials.Where(t => t.Kind != TrialKind.Practice), r => r.TrialId, t => t.Id, (r, t) => new { r.Id, r.ChosenStimulusId, t.Stimulus0Id, t.Stimulus1Id, t.Stimulus2Id, t.SessionId })
            .Join(db.Sessions, x => x.SessionId, s => s.Id, (x, s) => new { x, s.Qc, s.StudyId, s.ParticipantId })
            .Join(db.Studies.Where(st => st.StimulusSetId == setId), y => y.StudyId, st => st.Id, (y, _) => y)
            // A fixed order: the split and a resumed teacher's checkpoint depend on it (a heap scan's order is not fixed).
            .OrderBy(y => y.x.Id)
            .ToListAsync(ct);
        var excluded = platform.Where(p => p.Qc == QcStatus.Excluded).Select(p => p.x.SessionId).Distinct().Count();
        foreach (var p in platform.Where(p => p.Qc != QcStatus.Excluded))
        {
            Guid[] shown = [p.x.Stimulus0Id, p.x.Stimulus1Id, p.x.Stimulus2Id];
            var odd = p.x.ChosenStimulusId!.Value;
            var pair = shown.Where(s => s != odd).ToArray();
            if (rowOf.TryGetValue(pair[0], out var i) && rowOf.TryGetValue(pair[1], out var j) && rowOf.TryGetValue(odd, out var k))
            {
                responses.Add(new TripletResponse(i, j, k, p.ParticipantId.ToString("N")));
            }
        }
        var platformCount = responses.Count;

        var datasets = await db.TripletDatasets.AsNoTracking().Where(d => d.StimulusSetId == setId).Select(d => new { d.Id, d.Name }).ToListAsync(ct);
        var datasetIds = datasets.Select(d => d.Id).ToList();
        await foreach (var t in db.ImportedTriplets.AsNoTracking().Where(t => datasetIds.Contains(t.DatasetId)).OrderBy(t => t.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (rowOf.TryGetValue(t.FirstId, out var i) && rowOf.TryGetValue(t.SecondId, out var j) && rowOf.TryGetValue(t.OddId, out var k))
            {
                responses.Add(new TripletResponse(i, j, k, t.Subject));
            }
        }

        var snapshot = new TrainingDataSnapshot(vectors.Count, platformCount, excluded, responses.Count - platformCount, [.. datasets.Select(d => d.Name)]);
        return new TrainingData(new EmbeddingMatrix(vectors.Count, columns, values), [.. vectors.Select(v => v.StimulusId)], responses, snapshot);
    }
}
