using System.Text.Json;
using AligNet.Data;
using AligNet.Data.Models;
using AligNet.Domain.Models;
using AligNet.Ml.Teacher;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Pipelines.Teachers;

/// <summary>
/// Trains a teacher for a stimulus set from the database and records it as a model version: training data from
/// <see cref="TrainingDataLoader"/>, training in AligNet.Ml, the artifact written completely first, then one row.
/// A failure at any step leaves no model version and no artifact folder behind.
/// </summary>
public sealed class TeacherTrainingPipeline(AligNetDbContext db, string artifactRoot)
{
    public sealed record Request(Guid StimulusSetId, string BaseModel, string BaseModelVersion, int Seed = 42, string? RequestedBy = null, bool AutoPromote = false);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<ModelVersion> TrainAsync(Request request, ITrainingProgress? progress = null, CancellationToken ct = default)
    {
        var data = await TrainingDataLoader.LoadAsync(db, request.StimulusSetId, request.BaseModel, request.BaseModelVersion, ct);
        var result = new TeacherTrainer(new TeacherOptions { Seed = request.Seed }, progress).Train(data.Embeddings, data.Responses);

        var version = new ModelVersion
        {
            Id = Guid.NewGuid(), StimulusSetId = request.StimulusSetId, Kind = ModelKind.Teacher,
            BaseModel = request.BaseModel, BaseModelVersion = request.BaseModelVersion, Seed = request.Seed,
            DataSnapshot = JsonSerializer.Serialize(new { data.Snapshot, result.Split, embeddings = result.Model.Embeddings.ToString() }, Json),
            HyperParameters = JsonSerializer.Serialize(new { result.Options, chosenLambda = result.ChosenLambda }, Json),
            Metrics = JsonSerializer.Serialize(TeacherMetricsJson.From(result), Json),
            TrainingCurve = JsonSerializer.Serialize(result.Curve, Json),
            ArtifactPath = Path.Combine("teachers", Guid.NewGuid().ToString("N")),
            CreatedBy = request.RequestedBy, CreatedAt = DateTimeOffset.UtcNow,
        };
        var folder = Path.Combine(artifactRoot, version.ArtifactPath);
        TeacherArtifact.Save(folder, result.Model, result);
        try
        {
            db.ModelVersions.Add(version);
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            Directory.Delete(folder, recursive: true);
            throw;
        }

        if (request.AutoPromote && await ShouldPromoteAsync(version, result, ct))
        {
            await new ModelPromotion(db).PromoteAsync(version.Id, "rule: better on the same test split", ct);
        }
        return version;
    }

    /// <summary>
    /// The configured rule: promote when no teacher is active, or when the active one was trained on the same data
    /// snapshot with the same seed (hence the same test split) and the new one predicts more test responses.
    /// </summary>
    private async Task<bool> ShouldPromoteAsync(ModelVersion candidate, TeacherResult result, CancellationToken ct)
    {
        var active = await new ModelPromotion(db).ActiveAsync(candidate.StimulusSetId, ModelKind.Teacher, ct);
        if (active is null) return true;
        if (active.Seed != candidate.Seed || active.DataSnapshot != candidate.DataSnapshot) return false;
        var activeAccuracy = JsonDocument.Parse(active.Metrics).RootElement.GetProperty("teacher").GetProperty("accuracy").GetDouble();
        return result.TestMetrics.TeacherCalibrated.Accuracy > activeAccuracy;
    }
}
