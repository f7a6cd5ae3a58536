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
/// evaluation suite — the version's representation (<see cref="EvaluatedRepresentation"/>: a teacher at its fitted
/// temperature, an embedding or image student on its teacher's split; an image student's images come from the stimulus store) beside its base model (cosine, as the teacher's own
/// metrics score it), levels from the stimulus set's category paths; the report keeps the stimulus map of the representation and
/// the transfer/robustness sections of <c>alignet evaluate --json</c> (<see cref="EvaluationSections"/>). One row per run; nothing is stored on failure.
/// </summary>
public sealed class ModelEvaluationPipeline(AligNetDbContext db, string artifactRoot, string? stimulusRoot = null)
{
    /// <param name="EvaluationId">Null = a new id; a run passes its own id, so that a second attempt stores one row.</param>
    /// <param name="AllowCuda">An image student's network runs on a GPU when libtorch sees one (default: the CPU).</param>
    /// <param name="Sections">Transfer and robustness work (null: <see cref="EvaluationSectionOptions"/>' defaults).</param>
    public sealed record Request(Guid ModelVersionId, int Bootstrap = 1000, long Seed = 0, string? RequestedBy = null, Guid? EvaluationId = null, bool AllowCuda = false,
        EvaluationSectionOptions? Sections = null);

    public async Task<ModelEvaluation> EvaluateAsync(Request request, CancellationToken ct = default)
    {
        if (request.EvaluationId is { } id && await db.ModelEvaluations.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct) is { } done) return done;
        var version = await db.ModelVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Id == request.ModelVersionId, ct)
            ?? throw new ArgumentException($"No model version {request.ModelVersionId}: pick one from the Models page.");
        var scored = await EvaluatedRepresentation.LoadAsync(db, artifactRoot, stimulusRoot, request.AllowCuda, version, ct);
        var (data, split) = (scored.Data, scored.Split);

        var paths = await db.Stimuli.AsNoTracking().Where(s => s.StimulusSetId == version.StimulusSetId)
            .Select(s => new { s.Id, s.CategoryPath }).ToDictionaryAsync(s => s.Id, s => s.CategoryPath, ct);
        var rowPaths = data.StimulusIds.Select(id => (IReadOnlyList<string>)paths[id]).ToList();
        var categories = ItemCategories.FromPaths(rowPaths);
        SuiteModel[] models =
        [
            new("model", scored.Model, scored.Temperature),
            new("baseline", new OddOneOutModel(data.Embeddings, SimilarityKind.Cosine), null),
        ];
        ct.ThrowIfCancellationRequested();
        var suite = new SuiteOptions(request.Bootstrap, request.Seed);
        var report = EvaluationSuite.Evaluate(split.Test, models, categories, null, suite);
        var map = RepresentationMap.ToJson(scored.Name, data.StimulusIds, scored.Representation);
        var sections = await EvaluationSections.ComputeAsync(db, scored, version, rowPaths, stimulusRoot, request.AllowCuda, request.Sections ?? new(), suite, ct);

        var json = SuiteReportJson.ToJson(report);
        json["split"] = "test";
        json["split_matches_training"] = scored.SplitMatchesTraining;
        json["map"] = map;
        foreach (var (key, section) in sections) json[key] = section;
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
