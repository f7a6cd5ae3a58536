using AligNet.Evaluation.Embeddings;
using AligNet.Ml.Students;
using AligNet.Ml.Teacher;
using AligNet.Ml.Tests.Generation;

namespace AligNet.Ml.Tests.Students;

/// <summary>Data a student cannot learn from is refused with a message that names the fix.</summary>
public class StudentBadInputTests
{
    [Fact]
    public async Task A_data_set_of_another_pool_is_refused()
    {
        var world = await StudentWorld.CreateAsync();
        var other = new EmbeddingMatrix(world.Embeddings.Rows, world.Embeddings.Columns, [.. world.Embeddings.Values.Select(v => v + 0.01)]);
        var error = await Assert.ThrowsAsync<StudentDataException>(() => world.LoadAsync(other));
        Assert.Contains("another pool", error.Message);
        Assert.Contains("pass the embeddings file the data set was generated from", error.Message);
    }

    [Fact]
    public async Task Embeddings_of_other_dimensions_are_refused()
    {
        var world = await StudentWorld.CreateAsync();
        var wide = new EmbeddingMatrix(world.Embeddings.Rows, 9, new double[world.Embeddings.Rows * 9]);
        var error = await Assert.ThrowsAsync<StudentDataException>(() => world.LoadAsync(wide));
        Assert.Contains("8-dimensional", error.Message);
        Assert.Contains("these have 9", error.Message);
    }

    [Fact]
    public async Task A_missing_or_damaged_shard_is_refused()
    {
        var world = await StudentWorld.CreateAsync();
        var shard = Path.Combine(world.DataDirectory, "train", "shard-00001.parquet");
        var bytes = await File.ReadAllBytesAsync(shard, TestContext.Current.CancellationToken);
        File.Delete(shard);
        var missing = await Assert.ThrowsAsync<StudentDataException>(() => world.LoadAsync());
        Assert.Contains("missing", missing.Message);
        Assert.Contains("alignet generate", missing.Message);

        bytes[^100] ^= 0xFF;
        await File.WriteAllBytesAsync(shard, bytes, TestContext.Current.CancellationToken);
        var damaged = await Assert.ThrowsAsync<StudentDataException>(() => world.LoadAsync());
        Assert.Contains("SHA-256", damaged.Message);
    }

    [Fact]
    public async Task Nan_labels_are_refused()
    {
        var generation = new GenerationWorld(classes: 5, perClass: 8, dimensions: 8);
        var weight = (double[])generation.Teacher.Weight.Clone();
        weight[3] = double.NaN;
        var world = await StudentWorld.CreateAsync(generation.Teacher with { Weight = weight }, mixture: "random=1");
        var error = await Assert.ThrowsAsync<StudentDataException>(() => world.LoadAsync());
        Assert.Contains("NaN", error.Message);
        Assert.Contains("regenerate", error.Message);
    }

    [Fact]
    public async Task A_folder_without_a_manifest_is_refused()
    {
        var error = await Assert.ThrowsAsync<StudentDataException>(() =>
            TripletDataset.LoadAsync(GenerationWorld.TempDirectory(), new EmbeddingFingerprint(3, 2, "x"), TestContext.Current.CancellationToken));
        Assert.Contains("alignet generate", error.Message);
    }

    [Fact]
    public void Options_out_of_range_name_the_flag()
    {
        Assert.Contains("--tau", Assert.Throws<ArgumentException>(() => new StudentOptions { Temperature = 0 }.Validate()).Message);
        Assert.Contains("--steps", Assert.Throws<ArgumentException>(() => new StudentOptions { Steps = 0 }.Validate()).Message);
    }
}
