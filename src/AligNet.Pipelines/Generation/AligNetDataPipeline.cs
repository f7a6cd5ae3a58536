using System.Text.Json;
using AligNet.Data;
using AligNet.Data.Models;
using AligNet.Domain.Generation;
using AligNet.Domain.Models;
using AligNet.Ml.Generation;
using AligNet.Ml.Teacher;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Pipelines.Generation;

/// <summary>
/// Generates a version of AligNet data from the database: the teacher version (given, or the active one), the pool of
/// its base model's embeddings (<see cref="GenerationPoolLoader"/>), <see cref="TripletGenerator"/> into
/// <c>datasets/{id}</c> under the artifact root, and one <see cref="AligNetDataset"/> row that goes Running →
/// Complete, or Failed with the reason. Running it again with the same id resumes after the last complete shard.
/// </summary>
public sealed class AligNetDataPipeline(AligNetDbContext db, string artifactRoot)
{
    public sealed record Request(Guid DatasetId, IReadOnlyList<Guid> StimulusSetIds, Guid? TeacherVersionId, long Count, int Clusters,
        string Mixture = SamplingMixture.DefaultText, long Seed = 42, long? Validation = null, int ShardSize = 1_000_000, string? RequestedBy = null);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<AligNetDataset> GenerateAsync(Request request, IGenerationProgress? progress = null, CancellationToken ct = default)
    {
        var existing = await db.AligNetDatasets.FirstOrDefaultAsync(d => d.Id == request.DatasetId, ct);
        if (existing is { Status: AligNetDatasetStatus.Complete }) return existing;
        if (request.StimulusSetIds.Count == 0) throw new GenerationException("name at least one stimulus set for the pool.");
        var teacherVersion = await TeacherAsync(request, ct);
        var mixture = SamplingMixture.Parse(request.Mixture);
        var options = new GenerationOptions(request.Count, request.Clusters, mixture.ToString(), request.Seed, request.Validation, request.ShardSize, Threads: Environment.ProcessorCount);

        var dataset = existing ?? new AligNetDataset
        {
            Id = request.DatasetId, StimulusSetIds = [.. request.StimulusSetIds], TeacherVersionId = teacherVersion.Id, Seed = request.Seed,
            Mixture = JsonSerializer.Serialize(mixture.Shares.ToDictionary(s => s.Variant.Name(), s => s.Share), Json),
            Parameters = JsonSerializer.Serialize(new { options.Count, validation = options.ValidationCount, options.Clusters, options.ShardSize, options.KMeansIterations, options.KMeansTolerance }, Json),
            ShardDirectory = Path.Combine("datasets", request.DatasetId.ToString("N")),
            CreatedBy = request.RequestedBy, CreatedAt = DateTimeOffset.UtcNow,
        };
        dataset.Status = AligNetDatasetStatus.Running;
        dataset.Error = null;
        if (existing is null) db.AligNetDatasets.Add(dataset);
        await db.SaveChangesAsync(ct);

        try
        {
            var (teacher, manifest) = TeacherArtifact.Load(Path.Combine(artifactRoot, teacherVersion.ArtifactPath));
            var pool = await GenerationPoolLoader.LoadAsync(db, request.StimulusSetIds, teacherVersion.BaseModel, teacherVersion.BaseModelVersion, ct);
            var result = await new TripletGenerator(options, progress).GenerateAsync(teacher, manifest, pool, Path.Combine(artifactRoot, dataset.ShardDirectory), ct);
            Record(dataset, result.Manifest, pool.Embeddings.Rows);
        }
        catch (Exception ex)
        {
            dataset.Status = AligNetDatasetStatus.Failed;
            dataset.Error = ex.Message.Length > 4000 ? ex.Message[..4000] : ex.Message;
            await db.SaveChangesAsync(CancellationToken.None);
            throw;
        }
        await db.SaveChangesAsync(ct);
        return dataset;
    }

    private async Task<ModelVersion> TeacherAsync(Request request, CancellationToken ct)
    {
        if (request.TeacherVersionId is { } id)
        {
            return await db.ModelVersions.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id && m.Kind == ModelKind.Teacher, ct)
                ?? throw new GenerationException($"no teacher model version with id {id}: pick one on the Teachers page or leave it out to use the active teacher.");
        }
        return await new ModelPromotion(db).ActiveAsync(request.StimulusSetIds[0], ModelKind.Teacher, ct)
            ?? throw new GenerationException("the first stimulus set has no active teacher: train and promote one, or name a teacher version.");
    }

    private static void Record(AligNetDataset dataset, DatasetManifest manifest, int poolSize)
    {
        dataset.Status = AligNetDatasetStatus.Complete;
        dataset.CompletedAt = DateTimeOffset.UtcNow;
        dataset.PoolSize = poolSize;
        dataset.TrainingTriplets = manifest.TrainRows;
        dataset.ValidationTriplets = manifest.ValidationRows;
        dataset.CountsPerVariant = JsonSerializer.Serialize(new { training = manifest.TrainCounts, validation = manifest.ValidationCounts }, Json);
        dataset.EntropyHistogram = JsonSerializer.Serialize(new { binWidthNats = Math.Log(3) / DatasetManifest.EntropyBins, counts = manifest.TrainEntropyHistogram }, Json);
        dataset.Parameters = JsonSerializer.Serialize(new
        {
            manifest.Parameters.Count, manifest.Parameters.Validation, manifest.Parameters.Clusters, manifest.Parameters.ShardSize,
            manifest.Parameters.KMeansIterations, manifest.Parameters.KMeansTolerance, kMeans = manifest.Clusters,
        }, Json);
    }
}
