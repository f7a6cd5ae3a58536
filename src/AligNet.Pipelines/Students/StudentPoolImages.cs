using AligNet.Data;
using AligNet.Ml.BaseModels;
using AligNet.Ml.Generation;
using AligNet.Ml.Students;
using AligNet.Ml.Students.Images;
using AligNet.Pipelines.Generation;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Pipelines.Students;

/// <summary>
/// The images of a data set's pool from the stimulus store, row for row (the pool's ids are stimulus ids, in the order
/// <see cref="GenerationPoolLoader"/> gives them), for an image student trained from the database.
/// </summary>
public static class StudentPoolImages
{
    /// <summary>The pool of the packaged ResNet18's stored embeddings over <paramref name="setIds"/>: what an image student's data set is generated over.</summary>
    public static Task<GenerationPool> LoadResNet18PoolAsync(AligNetDbContext db, IReadOnlyList<Guid> setIds, CancellationToken ct) =>
        GenerationPoolLoader.LoadAsync(db, setIds, ResNet18Featurizer.Model, ResNet18ModelFiles.PackagedVersion, ct);

    public static Task<EncodedStudentImages> LoadAsync(AligNetDbContext db, GenerationPool pool, string stimulusRoot, OnnxGraphModule preprocessing, CancellationToken ct) =>
        LoadAsync(db, pool.Ids!.Select(Guid.Parse).ToList(), stimulusRoot, preprocessing, ct);

    /// <summary>The images of <paramref name="ids"/> in that order (e.g. the rows of an evaluation's training data).</summary>
    public static async Task<EncodedStudentImages> LoadAsync(AligNetDbContext db, IReadOnlyList<Guid> ids, string stimulusRoot, OnnxGraphModule preprocessing, CancellationToken ct)
    {
        var wanted = ids.ToList();
        var paths = await db.Stimuli.AsNoTracking().Where(s => wanted.Contains(s.Id)).Select(s => new { s.Id, s.Label, s.ImagePath }).ToDictionaryAsync(s => s.Id, ct);
        var images = new List<EncodedImage>(ids.Count);
        foreach (var id in ids)
        {
            var row = paths[id];
            if (row.ImagePath is null)
            {
                throw new StudentDataException($"stimulus '{row.Label}' of the pool has no image (a concept set): an image student needs one image per pool row; train an embedding student instead (no train-from).");
            }
            var path = Path.Combine(stimulusRoot, row.ImagePath);
            if (!File.Exists(path)) throw new StudentDataException($"the image of stimulus '{row.Label}' is missing from the stimulus store ({path}): restore the store or re-import the set.");
            images.Add(new EncodedImage(row.ImagePath, await File.ReadAllBytesAsync(path, ct)));
        }
        return new EncodedStudentImages(images, preprocessing);
    }
}
