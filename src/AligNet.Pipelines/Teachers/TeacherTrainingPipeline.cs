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
/// A failure at any step leaves no model version and no artifact folder behind. With a <see cref="Request.VersionId"/>
/// (a run's id) it is safe to run twice: a version already registered under that id is returned, not trained again.
/// </summary>
public sealed class TeacherTrainingPipeline(AligNetDbContext db, string artifactRoot)
{
    public sealed record Request(Guid StimulusSetId, string BaseModel, string BaseModelVersion, int Seed = 42, string? RequestedBy = null, bool AutoPromote = false)
    {
        /// <summary>The id the version gets (a run's id); null = a new id.</summary>
        public Guid? VersionId { get; init; }
        public int? MaxEpochs { get; init; }
        public IReadOnlyList<double>? LambdaGrid { get; init; }
        public int? Patience { get; init; }
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Where a run's teacher keeps its checkpoints until its version is registered (outside the version's own folder).</summary>
    public static string CheckpointFolder(string artifactRoot, Guid versionId) => Path.Combine(artifactRoot, "checkpoints", "teachers", versionId.ToString("N"));

    public async Task<ModelVersion> TrainAsync(Request request, ITrainingProgress? progress = null, CancellationToken ct = default)
    {
        var id = request.VersionId ?? Guid.NewGuid();
        // Only a run's teacher (a version id chosen beforehand) can be resumed, so only it keeps checkpoints.
        var checkpoints = request.VersionId is null ? null : CheckpointFolder(artifactRoot, id);
        if (request.VersionId is not null && await db.ModelVersions.FirstOrDefaultAsync(m => m.Id == id, ct) is { } done)
        {
            DeleteCheckpoints(checkpoints);
            return done;
        }

        var data = await TrainingDataLoader.LoadAsync(db, request.StimulusSetId, request.BaseModel, request.BaseModelVersion, ct);
        var options = new TeacherOptions { Seed = request.Seed };
        if (request.MaxEpochs is { } epochs) options = options with { MaxEpochs = epochs };
        if (request.LambdaGrid is { Count: > 0 } grid) options = options with { LambdaGrid = grid };
        if (request.Patience is { } patience) options = options with { Patience = patience };
        var result = new TeacherTrainer(options, progress).Train(data.Embeddings, data.Responses, checkpoints: checkpoints);
        ct.ThrowIfCancellationRequested();

        var version = new ModelVersion
        {
            Id = id, StimulusSetId = request.StimulusSetId, Kind = ModelKind.Teacher,
            BaseModel = request.BaseModel, BaseModelVersion = request.BaseModelVersion, Seed = request.Seed,
            DataSnapshot = JsonSerializer.Serialize(new { data.Snapshot, result.Split, embeddings = result.Model.Embeddings.ToString() }, Json),
            HyperParameters = JsonSerializer.Serialize(new { result.Options, chosenLambda = result.ChosenLambda }, Json),
            Metrics = ModelDocuments.Write(TeacherDocuments.Metrics(result)),
            TrainingCurve = ModelDocuments.Write(TeacherDocuments.Curve(result)),
            // Named after the version: a second attempt of the same run overwrites its own folder, never adds one.
            ArtifactPath = Path.Combine("teachers", id.ToString("N")),
            CreatedBy = request.RequestedBy, CreatedAt = DateTimeOffset.UtcNow,
        };
        var folder = Path.Combine(artifactRoot, version.ArtifactPath);
        TeacherArtifact.Save(folder, result.Model, result);
        try
        {
            db.ModelVersions.Add(version);
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            db.ChangeTracker.Clear();
            if (ex is DbUpdateException && request.VersionId is not null && await db.ModelVersions.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, CancellationToken.None) is { } registered)
            {
                // Another execution of the same run registered this version first: keep its row and its artifact.
                DeleteCheckpoints(checkpoints);
                return registered;
            }
            Directory.Delete(folder, recursive: true);
            throw;
        }
        DeleteCheckpoints(checkpoints);

        if (request.AutoPromote && await ShouldPromoteAsync(version, result, ct))
        {
            await new ModelPromotion(db).PromoteAsync(version.Id, "rule: better on the same test split", ct);
        }
        return version;
    }

    /// <summary>Removes a run's checkpoints: once its version is registered, or when the run is cancelled or fails for good.</summary>
    public static void DeleteCheckpoints(string? folder)
    {
        if (folder is not null && Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
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
        return result.TestMetrics.TeacherCalibrated.Accuracy > active.TeacherMetrics().Teacher.Accuracy;
    }
}
