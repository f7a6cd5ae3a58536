using AligNet.Data.Imports;
using AligNet.Ml.BaseModels;
using AligNet.Pipelines.Embeddings;
using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Ml.Tests.Pipelines;

/// <summary>The embedding pipeline against the real database and the real ResNet18: stored vectors are the model's own.</summary>
public class StimulusEmbeddingPipelineTests : IAsyncLifetime
{
    private TestDatabase database = null!;
    private readonly string store = Directory.CreateTempSubdirectory("alignet-store-").FullName;
    private readonly string source = Directory.CreateTempSubdirectory("alignet-source-").FullName;
    private readonly List<byte[]> images = [TestImages.Png(220, 30, 30, 64), TestImages.Jpeg(30, 200, 30, 80), TestImages.Png(20, 20, 240, 48)];

    public async ValueTask InitializeAsync()
    {
        database = await TestPostgres.CreateDatabaseAsync();
        for (var i = 0; i < images.Count; i++) await File.WriteAllBytesAsync(Path.Combine(source, $"{i}.img"), images[i]);
        await File.WriteAllTextAsync(Path.Combine(source, "manifest.csv"), "file,label\n0.img,red\n1.img,green\n2.img,blue\n");
    }

    public async ValueTask DisposeAsync()
    {
        await database.DisposeAsync();
        Directory.Delete(store, true);
        Directory.Delete(source, true);
    }

    [Fact]
    public async Task Stores_one_512_d_ResNet18_vector_per_image_equal_to_the_models_own_output_and_is_idempotent()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = database.CreateContext();
        using var opened = StimulusSource.Open(source);
        var set = await new StimulusSetImporter(db, store).ImportAsync("colours", "", opened, ct: ct);

        var first = await new StimulusEmbeddingPipeline(db, store).ComputeResNet18Async(set.SetId, ct: ct);
        var second = await new StimulusEmbeddingPipeline(db, store).ComputeResNet18Async(set.SetId, ct: ct);

        using var featurizer = new ResNet18Featurizer();
        var expected = featurizer.Embed(images);
        var stored = await db.Embeddings.Join(db.Stimuli, e => e.StimulusId, s => s.Id, (e, s) => new { s.Index, e.Model, e.Version, e.Vector })
            .OrderBy(x => x.Index).ToListAsync(ct);
        Assert.Equal(3, first.Embedded);
        Assert.Equal(3, second.Embedded);
        Assert.Equal(3, stored.Count); // the second run replaced, not added
        Assert.All(stored, s => Assert.Equal(("resnet18-onnx", ResNet18ModelFiles.PackagedVersion, 512), (s.Model, s.Version, s.Vector.Length)));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(expected[i], stored[i].Vector);
        }
    }

    [Fact]
    public async Task A_concept_set_without_images_is_refused_with_what_to_do_instead()
    {
        await using var db = database.CreateContext();
        var set = await new ConceptSetImporter(db).ImportAsync("concepts", "", ["a", "b", "c"], "labels.txt", TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => new StimulusEmbeddingPipeline(db, store).ComputeResNet18Async(set, ct: TestContext.Current.CancellationToken));

        Assert.Contains("import its embeddings instead", error.Message);
    }
}
