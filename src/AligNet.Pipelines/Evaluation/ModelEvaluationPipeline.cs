using AligNet.Data;
using AligNet.Data.Models;
using AligNet.Domain.Models;
using AligNet.Evaluation.Levels;
using AligNet.Evaluation.Metrics;
using AligNet.Evaluation.Suite;
using AligNet.Ml.Teacher;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Pipelines.Evaluation;

/// <summary>
/// Evaluates a model version in the platform: its training data is loaded again (<see cref="TrainingDataLoader"/>),
/// split by item set with the version's own seed and fractions, and the held-out test split is scored by the
/// evaluation suite — the teacher at its fitted temperature beside its base model (cosine, as the teacher's own
/// metrics score it), levels from the stimulus set's category paths. One row per run; nothing is stored on failure.
/// </summary>
public sealed class ModelEvaluationPipeline(AligNetDbContext db, string artifactRoot)
{
    /// <param name="EvaluationId">Null = a new id; a run passes its own id, so that a second attempt stores one row.</param>
    public sealed record Request(Guid ModelVersionId, int Bootstrap = 1000, long Seed = 0, string? RequestedBy = null, Guid? EvaluationId = null);

    public async Task<ModelEvaluation> EvaluateAsync(Request request, CancellationToken ct = default)
    {
        if (request.EvaluationId is { } id && await db.ModelEvaluations.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct) is { } done) return done;
        var version = await db.ModelVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Id == request.ModelVersionId, ct)
            ?? throw new ArgumentException($"No model version {request.ModelVersionId}: pick one from the Models page.");
        if (version.Kind != ModelKind.Teacher) throw new ArgumentException($"Model version {version.Id} is a {version.Kind}; only teachers can be evaluated so far.");

        var data = await TrainingDataLoader.LoadAsync(db, version.StimulusSetId, version.BaseModel, version.BaseModelVersion, ct);
        var (teacher, manifest) = TeacherArtifact.Load(Path.Combine(artifactRoot, version.ArtifactPath), data.Embeddings);
        var options = manifest.Options ?? new TeacherOptions { Seed = version.Seed };
        var split = TripletSplit.ByItemSet(data.Responses, data.Embeddings.Rows, options.Seed, options.TrainFraction, options.ValidationFraction);

        var paths = await db.Stimuli.AsNoTracking().Where(s => s.StimulusSetId == version.StimulusSetId)
            .Select(s => new { s.Id, s.CategoryPath }).ToDictionaryAsync(s => s.Id, s => s.CategoryPath, ct);
        var categories = ItemCategories.FromPaths(data.StimulusIds.Select(id => (IReadOnlyList<string>)paths[id]).ToList());
        SuiteModel[] models =
        [
            new("model", teacher.OddOneOut(data.Embeddings), teacher.Temperature),
            new("baseline", new OddOneOutModel(data.Embeddings, SimilarityKind.Cosine), null),
        ];
        ct.ThrowIfCancellationRequested();
        var report = EvaluationSuite.Evaluate(split.Test, models, categories, null, new SuiteOptions(request.Bootstrap, request.Seed));
        var map = RepresentationMap.ToJson("teacher", data.StimulusIds, teacher.Transform(data.Embeddings));

        var json = SuiteReportJson.ToJson(report);
        json["split"] = "test";
        json["split_matches_training"] = manifest.Split is null ? null : manifest.Split.TestResponses == split.Test.Count;
        json["map"] = map;
        var (model, baseline) = (report.All.Models[0]["accuracy"]!, report.All.Models[1]["accuracy"]!);
        var evaluation = new ModelEvaluation
        {
            Id = request.EvaluationId ?? Guid.NewGuid(), ModelVersionId = version.Id, Split = "test",
            Responses = report.Responses, Triplets = report.Triplets, Bootstrap = report.Bootstrap, Seed = report.Seed,
            Accuracy = model.Value, AccuracyCiLow = model.CiLow, AccuracyCiHigh = model.CiHigh,
            BaseAccuracy = baseline.Value, BaseAccuracyCiLow = baseline.CiLow, BaseAccuracyCiHigh = baseline.CiHigh,
            Report = json.ToJsonString(), RequestedBy = request.RequestedBy, CreatedAt = DateTimeOffset.UtcNow,
        };
        ct.ThrowIfCancellationRequested();
        db.ModelEvaluations.Add(evaluation);
        await db.SaveChangesAsync(ct);
        return evaluation;
    }
}
