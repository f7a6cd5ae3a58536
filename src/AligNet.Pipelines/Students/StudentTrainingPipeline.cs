using System.Text.Json;
using AligNet.Data;
using AligNet.Domain.Generation;
using AligNet.Domain.Models;
using AligNet.Ml.BaseModels;
using AligNet.Ml.Generation;
using AligNet.Ml.Students;
using AligNet.Ml.Students.Images;
using AligNet.Ml.Teacher;
using AligNet.Pipelines.Generation;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Pipelines.Students;

/// <summary>
/// Trains a student from the database and records it as a model version of kind Student: the data set's row
/// (complete), its teacher's base model, the pool's embeddings (<see cref="GenerationPoolLoader"/>, the same rows the
/// shards index), then <see cref="EmbeddingStudentRun"/> (a head over those features) or, with
/// <see cref="Request.Image"/>, <see cref="ImageStudentRun"/> (the trainable ResNet18 over the pool's images from the
/// stimulus store; the frozen prefix cached on disk under <c>students/prefix-cache</c>, shared by every image
/// student, keyed by network version, stage and image content) into <c>students/{id}</c>, then one row. The same id
/// run again resumes from the last checkpoint; a failure leaves no model version and keeps the checkpoints. After an image
/// student (finished or not) the shared cache is pruned to <paramref name="prefixCacheBudgetBytes"/> (ADR-026).
/// </summary>
public sealed class StudentTrainingPipeline(AligNetDbContext db, string artifactRoot, string? stimulusRoot = null, long? prefixCacheBudgetBytes = null)
{
    /// <param name="Image">Null: an embedding student; else an image student with these settings (its cache folder is the pipeline's).</param>
    /// <param name="DiskPrefixCache">Image students: keep the frozen prefix in the shared on-disk cache (else as <paramref name="Image"/> says: memory or none).</param>
    /// <param name="CalibrateTemperature">Replace the options' τ_s by <see cref="StudentTemperature.Calibrated"/> (the teacher's
    /// fitted base-model temperature × the pool's mean ‖x‖²); the version's hyper-parameters record the value used.</param>
    public sealed record Request(Guid StudentId, Guid DatasetId, StudentOptions Options, string? RequestedBy = null, ImageStudentOptions? Image = null,
        bool DiskPrefixCache = true, bool CalibrateTemperature = false);

    /// <summary>Where image students keep the frozen prefix's activations, relative to the artifact root.</summary>
    public static readonly string PrefixCacheFolder = Path.Combine("students", "prefix-cache");

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public async Task<ModelVersion> TrainAsync(Request request, IStudentProgress? progress = null, CancellationToken ct = default)
    {
        if (await db.ModelVersions.AsNoTracking().FirstOrDefaultAsync(m => m.Id == request.StudentId, ct) is { } done) return done;
        var dataset = await db.AligNetDatasets.AsNoTracking().FirstOrDefaultAsync(d => d.Id == request.DatasetId, ct)
            ?? throw new StudentDataException($"no AligNet data set with id {request.DatasetId}: generate one first.");
        if (dataset.Status != AligNetDatasetStatus.Complete) throw new StudentDataException($"AligNet data set {dataset.Id} is {dataset.Status}: let its generation finish (or rerun it) first.");
        var teacher = await db.ModelVersions.AsNoTracking().FirstAsync(m => m.Id == dataset.TeacherVersionId, ct);
        var pool = await GenerationPoolLoader.LoadAsync(db, dataset.StimulusSetIds, teacher.BaseModel, teacher.BaseModelVersion, ct);
        if (request.CalibrateTemperature) request = request with { Options = request.Options with { Temperature = CalibratedTemperature(teacher, pool) } };
        var fingerprint = EmbeddingFingerprint.Of(pool.Embeddings);
        var data = await TripletDataset.LoadAsync(Path.Combine(artifactRoot, dataset.ShardDirectory), fingerprint, ct);

        var artifactPath = Path.Combine("students", request.StudentId.ToString("N"));
        var folder = Path.Combine(artifactRoot, artifactPath);
        var manifest = request.Image is null
            ? EmbeddingStudentRun.Train(pool.Embeddings, fingerprint, data, request.Options, folder, progress, ct)
            : await TrainImageStudentAsync(request, teacher, pool, fingerprint, data, folder, progress, ct);
        var result = manifest.Result!;
        var version = new ModelVersion
        {
            Id = request.StudentId, StimulusSetId = dataset.StimulusSetIds[0], Kind = ModelKind.Student,
            BaseModel = teacher.BaseModel, BaseModelVersion = teacher.BaseModelVersion, Seed = request.Options.Seed,
            DataSnapshot = JsonSerializer.Serialize(new
            {
                datasetId = dataset.Id, teacherVersionId = dataset.TeacherVersionId, labels = data.Manifest.Parameters.Labeller,
                manifestSha256 = data.ManifestSha256, train = data.Train.Count, validation = data.Validation.Count, pool = fingerprint.ToString(),
            }, Json),
            HyperParameters = JsonSerializer.Serialize(new { kind = manifest.Kind, request.Options }, Json),
            Metrics = JsonSerializer.Serialize(new { initial = result.Initial, final = result.Final, result.TripletsPerSecond, result.Device }, Json),
            TrainingCurve = JsonSerializer.Serialize(result.Curve, Json),
            ArtifactPath = artifactPath, CreatedBy = request.RequestedBy, CreatedAt = DateTimeOffset.UtcNow,
        };
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
        return version;
    }

    private double CalibratedTemperature(ModelVersion teacher, GenerationPool pool)
    {
        var (_, manifest) = TeacherArtifact.Load(Path.Combine(artifactRoot, teacher.ArtifactPath));
        return StudentTemperature.Calibrated(manifest.TestMetrics?.BaseCalibrated.Temperature ?? double.NaN, pool.Embeddings);
    }

    private async Task<StudentManifest> TrainImageStudentAsync(Request request, ModelVersion teacher, GenerationPool pool, EmbeddingFingerprint fingerprint,
        TripletDataset data, string folder, IStudentProgress? progress, CancellationToken ct)
    {
        if (teacher.BaseModel != ResNet18Featurizer.Model || teacher.BaseModelVersion != ResNet18ModelFiles.PackagedVersion)
        {
            throw new StudentDataException($"the data set was generated over {teacher.BaseModel} {teacher.BaseModelVersion} features and an image student is the " +
                $"{ResNet18Featurizer.Model} {ResNet18ModelFiles.PackagedVersion} network: train an embedding student on it (no train-from), or generate data from a teacher over ResNet18 embeddings.");
        }
        if (stimulusRoot is null) throw new InvalidOperationException("An image student needs the stimulus store's root.");
        var files = ResNet18ModelFiles.InOutputDirectory();
        using var preprocessing = new OnnxGraphModule("resnet_preprocess", OnnxModelFile.Read(files.PreprocessingPath).Graph);
        var images = await StudentPoolImages.LoadAsync(db, pool, stimulusRoot, preprocessing, ct);
        var image = request.DiskPrefixCache && request.Image!.Cache ? request.Image! with { CacheFolder = PrefixCacheSettings.Folder(artifactRoot) } : request.Image!;
        try
        {
            return ImageStudentRun.Train(files, images, fingerprint, data, request.Options, image, folder, progress, ct);
        }
        finally
        {
            // A failed prune must not hide the training's own outcome; the worker's periodic pass tries again.
            try
            {
                if (image.CacheFolder is { } cache) PrefixCacheFiles.Prune(cache, prefixCacheBudgetBytes ?? PrefixCacheSettings.Default.BudgetBytes);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
            }
        }
    }
}
