using AligNet.Ml.BaseModels;
using AligNet.Ml.Students;
using AligNet.Ml.Students.Images;
using AligNet.Ml.Teacher;
using AligNet.Ml.Tests.Generation;
using static TorchSharp.torch;

namespace AligNet.Ml.Tests.Students;

/// <summary>
/// The image student in the one trainer, on the small generated data set (40 items) with 40 seeded noise images of
/// 32² (the network takes any size; a step then takes milliseconds): frozen stages stay frozen, the cache changes
/// nothing, a resumed run ends where an uninterrupted one does.
/// </summary>
public sealed class ImageStudentTrainingTests
{
    private static readonly StudentOptions Small = new() { Steps = 3, Batch = 32, LearningRate = 1e-3, ValidateEvery = 3, CheckpointEvery = 0 };
    private static readonly ResNet18ModelFiles Files = ResNet18ModelFiles.InOutputDirectory();
    private static readonly TensorStudentImages Images = TensorStudentImages.Random(40, 32, seed: 5);

    [Fact]
    public async Task A_step_changes_the_trained_stages_and_leaves_the_frozen_ones_and_the_batchnorm_statistics_as_they_were()
    {
        var (world, data) = await LoadAsync();
        using var before = ImageStudentRun.CreateNetwork(Files, new ImageStudentOptions(TrainFrom.Layer3), CPU);
        var (result, student) = Train(data, new ImageStudentOptions(TrainFrom.Layer3, LinearHead: true), Small, null);
        using var _ = student;
        var initial = before.state_dict();
        var changed = new List<string>();
        foreach (var (name, value) in student.Network.state_dict())
        {
            if (name.StartsWith("head.", StringComparison.Ordinal)) { changed.Add(name); continue; }
            var same = value.data<float>().ToArray().SequenceEqual(initial[name].data<float>().ToArray());
            var trained = (name.StartsWith("stages.3.", StringComparison.Ordinal) || name.StartsWith("stages.4.", StringComparison.Ordinal))
                && student.Network.named_parameters().Any(p => p.name == name);
            Assert.True(same != trained, $"{name}: {(same ? "unchanged" : "changed")}");
            if (!same) changed.Add(name);
        }
        Assert.True(changed.Count > 20, $"only {changed.Count} tensors moved");
        Assert.True(double.IsFinite(result.Final.ValidationLoss));
    }

    [Fact]
    public async Task The_prefix_cache_in_memory_or_on_disk_gives_the_losses_and_weights_of_recomputing_it()
    {
        var (_, data) = await LoadAsync();
        var disk = GenerationWorld.TempDirectory();
        var runs = new[]
        {
            new ImageStudentOptions(TrainFrom.Layer4, Cache: false),
            new ImageStudentOptions(TrainFrom.Layer4),
            new ImageStudentOptions(TrainFrom.Layer4, CacheFolder: disk),
            new ImageStudentOptions(TrainFrom.Layer4, CacheFolder: disk),   // now read from disk
        }.Select(o =>
        {
            var (result, student) = Train(data, o, Small, null);
            using (student) return (result.Curve, Weights: StudentWorld.Weights(student));
        }).ToList();
        Assert.Equal(40, Directory.GetFiles(disk).Length);
        foreach (var run in runs.Skip(1))
        {
            Assert.Equal(runs[0].Curve, run.Curve);
            Assert.Equal(runs[0].Weights, run.Weights);
        }
    }

    [Fact]
    public async Task A_resumed_run_ends_with_the_weights_and_curve_of_an_uninterrupted_one()
    {
        var (_, data) = await LoadAsync();
        var options = Small with { Steps = 4, CheckpointEvery = 2, ValidateEvery = 2 };
        var image = new ImageStudentOptions(TrainFrom.Layer4, LinearHead: true);
        var (uninterrupted, reference) = Train(data, image, options, GenerationWorld.TempDirectory());
        var expected = StudentWorld.Weights(reference);
        reference.Dispose();

        var folder = GenerationWorld.TempDirectory();
        using var stop = new CancellationTokenSource();
        Assert.Throws<OperationCanceledException>(() => Train(data, image, options, folder, new StopAt(stop, 2), stop.Token));
        var (resumed, student) = Train(data, image, options, folder);
        using var _ = student;
        Assert.Equal(2, resumed.ResumedFromStep);
        Assert.Equal(expected, StudentWorld.Weights(student));
        Assert.Equal(uninterrupted.Curve, resumed.Curve);

        var error = Assert.Throws<StudentDataException>(() => Train(data, image with { TrainFrom = TrainFrom.Layer3 }, options, folder));
        Assert.Contains("new --out folder", error.Message);
    }

    [Fact]
    public async Task Images_that_do_not_match_the_pool_are_refused_with_the_fix()
    {
        var (world, data) = await LoadAsync();
        var error = Assert.Throws<StudentDataException>(() => ImageStudentRun.Train(Files, TensorStudentImages.Random(39, 32, 1), EmbeddingFingerprint.Of(world.Embeddings), data,
            Small, new ImageStudentOptions(), GenerationWorld.TempDirectory(), null, TestContext.Current.CancellationToken));
        Assert.Contains("39 images for a pool of 40 items", error.Message);
    }

    private static async Task<(StudentWorld, TripletDataset)> LoadAsync()
    {
        var world = await StudentWorld.CreateAsync();
        return (world, await world.LoadAsync());
    }

    private static (StudentResult, ImageStudent) Train(TripletDataset data, ImageStudentOptions image, StudentOptions options, string? checkpoints,
        IStudentProgress? progress = null, CancellationToken? ct = null)
    {
        var (result, student) = new StudentTrainer(options, progress).Train(device => ImageStudentRun.CreateStudent(Files, Images, image, device), data, checkpoints,
            $"test {image.TrainFrom}", ct ?? TestContext.Current.CancellationToken);
        return (result, (ImageStudent)student);
    }

    private sealed class StopAt(CancellationTokenSource stop, int step) : IStudentProgress
    {
        public void Report(StudentCurvePoint point) { }

        public void Checkpointed(int at)
        {
            if (at == step) stop.Cancel();
        }
    }
}
