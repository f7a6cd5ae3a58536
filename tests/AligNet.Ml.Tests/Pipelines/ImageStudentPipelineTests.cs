using System.Text.Json;
using AligNet.Domain.Models;
using AligNet.Ml.BaseModels;
using AligNet.Ml.Students;
using AligNet.Ml.Students.Images;
using AligNet.Pipelines.Embeddings;
using AligNet.Pipelines.Generation;
using AligNet.Pipelines.Students;
using AligNet.Pipelines.Teachers;
using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Ml.Tests.Pipelines;

/// <summary>
/// An image student from the database (issue 12): <see cref="ColourImageSet"/> (8 coloured images in a real stimulus
/// store, colour-rule judgments), its ResNet18 embeddings, a teacher, AligNet data, then the Student pipeline training the
/// ResNet18 from layer4 over the set's images, with the frozen prefix cached under the artifact store.
/// </summary>
public class ImageStudentPipelineTests : ColourTeacherTestBase
{
    /// <summary>A small AligNet data set over the set's ResNet18 embeddings, labelled by its teacher.</summary>
    private async Task<Guid> GenerateAsync(AligNet.Data.AligNetDbContext db, CancellationToken ct)
    {
        var id = Guid.NewGuid();
        await new AligNetDataPipeline(db, artifacts).GenerateAsync(new(id, [setId], null, Count: 40, Clusters: 3, Mixture: "random=1", Seed: 3, Validation: 8), ct: ct);
        return id;
    }

    [Fact]
    public async Task Trains_a_ResNet18_student_over_the_sets_images_caches_the_prefix_prunes_the_cache_to_its_budget_and_a_rerun_changes_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = database.CreateContext();
        var datasetId = await GenerateAsync(db, ct);
        // τ_s on the scale of the features' dot products (hundreds), as benchmarks/student-demo.sh sets it: at τ_s = 1 q saturates.
        var options = new StudentOptions { Steps = 2, Batch = 4, LearningRate = 1e-5, ValidateEvery = 2, Seed = 5, CheckpointEvery = 1, Temperature = 500 };
        var request = new StudentTrainingPipeline.Request(Guid.NewGuid(), datasetId, options, "test", new ImageStudentOptions(TrainFrom.Layer4, LinearHead: true));
        // Three entries another network left behind long ago (112 bytes each); the budget fits this run's 8 layer4 prefixes
        // (header 56 + 256 × 14 × 14 × 4 + SHA-256 32 = 200,792 bytes each) but not them too, so the prune after the run removes exactly those.
        var cache = Path.Combine(artifacts, StudentTrainingPipeline.PrefixCacheFolder);
        using (var other = new PrefixCache(cache, "another network"))
        {
            for (var i = 0; i < 3; i++) other.GetOrAdd(i, $"old image {i}", TorchSharp.torch.CPU, () => TorchSharp.torch.ones(1, 10));
        }
        var left = Directory.GetFiles(cache);
        foreach (var file in left) File.SetLastWriteTimeUtc(file, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        await new StudentTrainingPipeline(db, artifacts, store, prefixCacheBudgetBytes: Items * 200_792L + 100).TrainAsync(request, ct: ct);
        Assert.All(left, file => Assert.False(File.Exists(file)));

        var stored = await db.ModelVersions.AsNoTracking().SingleAsync(m => m.Id == request.StudentId, ct);
        Assert.Equal((ModelKind.Student, ResNet18Featurizer.Model, 5), (stored.Kind, stored.BaseModel, stored.Seed));
        Assert.Equal("resnet18", JsonDocument.Parse(stored.HyperParameters).RootElement.GetProperty("kind").GetString());
        // One cached activation per image of the set, under the artifact store, shared by later image students.
        Assert.Equal(Items, Directory.GetFiles(cache, "*.f32").Length);
        Assert.All(Directory.GetFiles(cache, "*.f32"), file => Assert.Equal(200_792, new FileInfo(file).Length));
        var (network, manifest) = ImageStudentRun.Load(Path.Combine(artifacts, stored.ArtifactPath), ResNet18ModelFiles.InOutputDirectory());
        using (network)
        {
            Assert.Equal((TrainFrom.Layer4, true, Items), (network.TrainFrom, network.LinearHead, manifest.Image!.Images));
            Assert.Equal(options, manifest.Options);
        }
        Assert.False(Directory.Exists(Path.Combine(artifacts, stored.ArtifactPath, EmbeddingStudentRun.CheckpointFolder)));

        var again = await new StudentTrainingPipeline(db, artifacts, store).TrainAsync(request, ct: ct);
        Assert.Equal(stored.Id, again.Id);
        Assert.Equal(1, await db.ModelVersions.CountAsync(m => m.Kind == ModelKind.Student, ct));
    }

    [Fact]
    public async Task A_student_with_the_memory_cache_writes_nothing_to_the_shared_disk_cache()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = database.CreateContext();
        var datasetId = await GenerateAsync(db, ct);
        var options = new StudentOptions { Steps = 1, Batch = 4, LearningRate = 1e-5, ValidateEvery = 1, Temperature = 500 };
        var request = new StudentTrainingPipeline.Request(Guid.NewGuid(), datasetId, options, "test", new ImageStudentOptions(TrainFrom.Layer4), DiskPrefixCache: false);

        await new StudentTrainingPipeline(db, artifacts, store).TrainAsync(request, ct: ct);

        Assert.Equal(1, await db.ModelVersions.CountAsync(m => m.Id == request.StudentId, ct));
        Assert.False(Directory.Exists(Path.Combine(artifacts, StudentTrainingPipeline.PrefixCacheFolder)));
    }

    [Fact]
    public async Task A_missing_image_in_the_store_is_refused_with_the_fix_and_records_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = database.CreateContext();
        var datasetId = await GenerateAsync(db, ct);
        await DeleteFirstImageAsync(db, ct);
        var request = new StudentTrainingPipeline.Request(Guid.NewGuid(), datasetId, new StudentOptions { Steps = 1, Batch = 4 }, "test", new ImageStudentOptions());

        var error = await Assert.ThrowsAsync<StudentDataException>(() => new StudentTrainingPipeline(db, artifacts, store).TrainAsync(request, ct: ct));

        Assert.Contains("missing from the stimulus store", error.Message);
        Assert.Contains("restore the store or re-import the set", error.Message);
        Assert.Equal(0, await db.ModelVersions.CountAsync(m => m.Kind == ModelKind.Student, ct));
    }
}
