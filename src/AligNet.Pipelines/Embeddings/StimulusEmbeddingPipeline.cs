using System.Diagnostics;
using AligNet.Data;
using AligNet.Data.Imports;
using AligNet.Data.Stimuli;
using AligNet.Ml.BaseModels;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Pipelines.Embeddings;

/// <summary>
/// Computes the pretrained ResNet18's 512-d features for every stimulus of a set that has an image and stores them
/// under (resnet18-onnx, package version), replacing earlier ones: running it twice gives the same rows.
/// Images are read and embedded in chunks, so memory stays bounded for large sets.
/// </summary>
public sealed class StimulusEmbeddingPipeline(AligNetDbContext db, string storeRoot)
{
    public const int ChunkSize = 256;

    public sealed record Result(int Embedded, string Model, string Version, string Device, TimeSpan Elapsed);

    /// <summary>Whether every image of the set already has a vector of the packaged ResNet18 version.</summary>
    public async Task<bool> IsCompleteAsync(Guid setId, CancellationToken ct = default)
    {
        var images = db.Stimuli.Where(s => s.StimulusSetId == setId && s.ImagePath != null).Select(s => s.Id);
        var embedded = await db.Embeddings.CountAsync(e => e.Model == ResNet18Featurizer.Model && e.Version == ResNet18ModelFiles.PackagedVersion && images.Contains(e.StimulusId), ct);
        return embedded > 0 && embedded == await images.CountAsync(ct);
    }

    public async Task<Result> ComputeResNet18Async(Guid setId, IProgress<(int Done, int Total)>? progress = null, CancellationToken ct = default)
    {
        var stimuli = await db.Stimuli.AsNoTracking().Where(s => s.StimulusSetId == setId && s.ImagePath != null)
            .OrderBy(s => s.Index).Select(s => new { s.Id, s.ImagePath }).ToListAsync(ct);
        if (stimuli.Count == 0)
        {
            throw new ArgumentException(await db.StimulusSets.AnyAsync(s => s.Id == setId, ct)
                ? "The stimulus set has no images to embed (a concept set: import its embeddings instead)."
                : $"No stimulus set with id {setId}.");
        }

        var clock = Stopwatch.StartNew();
        using var featurizer = new ResNet18Featurizer();
        var vectors = new List<(Guid, float[])>(stimuli.Count);
        foreach (var chunk in stimuli.Chunk(ChunkSize))
        {
            var images = new List<EncodedImage>(chunk.Length);
            foreach (var stimulus in chunk)
            {
                var path = Path.Combine(storeRoot, stimulus.ImagePath!);
                if (!File.Exists(path)) throw new FileNotFoundException($"The image of stimulus {stimulus.Id} is missing from the store: {path}", path);
                images.Add(new EncodedImage(stimulus.ImagePath!, await File.ReadAllBytesAsync(path, ct)));
            }
            var features = featurizer.Embed(images);
            for (var i = 0; i < chunk.Length; i++) vectors.Add((chunk[i].Id, features[i]));
            progress?.Report((vectors.Count, stimuli.Count));
        }

        await new EmbeddingImporter(db).StoreAsync(setId, featurizer.ModelId, featurizer.Version, vectors, ct);
        return new Result(vectors.Count, featurizer.ModelId, featurizer.Version, featurizer.Device.ToString(), clock.Elapsed);
    }
}
