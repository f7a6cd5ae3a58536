using AligNet.Ml.Students;
using AligNet.Ml.Tests.Generation;
using static TorchSharp.torch;

namespace AligNet.Ml.Tests.Students;

/// <summary>The trainer on a small generated data set: learning, decay toward θ₀, exact resume, determinism.</summary>
public class StudentTrainerTests
{
    private static readonly StudentOptions Small = new() { Steps = 60, Batch = 128, LearningRate = 0.05, ValidateEvery = 20, CheckpointEvery = 0, Temperature = 1 };

    [Fact]
    public async Task A_linear_student_learns_the_teachers_odd_one_out()
    {
        // A teacher that mixes the dimensions at random disagrees with the base model on many triplets; the student must move toward it.
        var generation = new GenerationWorld(classes: 5, perClass: 8, dimensions: 8);
        var random = new Random(11);
        var mixing = generation.Teacher with { Weight = [.. generation.Teacher.Weight.Select(_ => random.NextDouble() - 0.5)], Temperature = 0.5 };
        var world = await StudentWorld.CreateAsync(mixing, mixture: "random=1");
        var data = await world.LoadAsync();
        var options = Small with { Temperature = 10, Steps = 100 };
        var (result, student) = new StudentTrainer(options).Train(world.Factory(options), data, null, "test", TestContext.Current.CancellationToken);
        using var _ = student;
        Assert.Equal(5, result.Curve.Count);
        Assert.True(result.Final.ValidationLoss < result.Initial.ValidationLoss * 0.5, $"validation JSD {result.Initial.ValidationLoss} → {result.Final.ValidationLoss}");
        Assert.True(result.Final.ValidationAgreement >= result.Initial.ValidationAgreement, $"agreement {result.Initial.ValidationAgreement} → {result.Final.ValidationAgreement}");
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_weights_and_another_seed_other_ones()
    {
        var world = await StudentWorld.CreateAsync();
        var data = await world.LoadAsync();
        var options = Small with { Steps = 10, Head = StudentHeadKind.Mlp, HiddenWidth = 16 };
        float[] Run(StudentOptions o)
        {
            var (_, student) = new StudentTrainer(o).Train(world.Factory(o), data, null, "test", TestContext.Current.CancellationToken);
            using (student) return StudentWorld.Weights(student);
        }
        Assert.Equal(Run(options), Run(options));
        Assert.NotEqual(Run(options), Run(options with { Seed = 7 }));
    }

    [Fact]
    public async Task Decay_pulls_toward_the_initial_weights_by_lr_times_w_times_the_distance()
    {
        // Step 1 starts at θ₀, so decay changes nothing; the gradients at θ₁ are then the same with and without decay,
        // hence Adam's second step is the same too and θ₂(w) − θ₂(0) = −lr₂·w·(θ₁ − θ₀) exactly.
        var world = await StudentWorld.CreateAsync();
        var data = await world.LoadAsync();
        var options = Small with { Steps = 3, WarmupSteps = 0, CheckpointEvery = 1, ValidateEvery = 1 };
        const double W = 2.5;
        var without = Snapshots(world, data, options with { Decay = 0 });
        var with = Snapshots(world, data, options with { Decay = W });
        var theta0 = StudentWorld.Weights(new LinearHeadStudent(world.Embeddings.Columns));
        Assert.Equal(without[1], with[1]);
        var lr2 = LearningRateSchedule.At(2, options.LearningRate, 0, 3);
        Assert.True(lr2 > 0);
        var moved = 0;
        for (var i = 0; i < theta0.Length; i++)
        {
            var expected = without[2][i] - lr2 * W * (without[1][i] - theta0[i]);
            Assert.Equal(expected, with[2][i], 5);
            if (Math.Abs(with[2][i] - without[2][i]) > 1e-5) moved++;
        }
        Assert.True(moved > theta0.Length / 2, $"decay moved only {moved} of {theta0.Length} weights");
    }

    [Fact]
    public async Task A_run_resumed_from_a_checkpoint_ends_with_the_weights_of_an_uninterrupted_run()
    {
        var world = await StudentWorld.CreateAsync();
        var data = await world.LoadAsync();
        // MLP head: a seeded random layer and a θ₀ that is not the identity must come back from the checkpoint too.
        // 3,000 rows in batches of 128 = 23 steps an epoch: the checkpoint at step 25 lies inside the second epoch.
        var options = Small with { Steps = 40, Head = StudentHeadKind.Mlp, HiddenWidth = 16, CheckpointEvery = 25, ValidateEvery = 15 };
        var (uninterrupted, reference) = new StudentTrainer(options).Train(world.Factory(options), data, GenerationWorld.TempDirectory(), "test", TestContext.Current.CancellationToken);
        var expected = StudentWorld.Weights(reference);
        reference.Dispose();

        var folder = GenerationWorld.TempDirectory();
        using var stop = new CancellationTokenSource();
        var stopping = new StopAtCheckpoint(stop, 25);
        Assert.Throws<OperationCanceledException>(() => new StudentTrainer(options, stopping).Train(world.Factory(options), data, folder, "test", stop.Token));
        var (resumed, student) = new StudentTrainer(options).Train(world.Factory(options), data, folder, "test", TestContext.Current.CancellationToken);
        using var _ = student;
        Assert.Equal(25, resumed.ResumedFromStep);
        Assert.Equal(expected, StudentWorld.Weights(student));
        Assert.Equal(uninterrupted.Curve, resumed.Curve);

        // Another run's checkpoints are refused, not silently continued.
        var other = options with { LearningRate = 0.01 };
        var error = Assert.Throws<StudentDataException>(() => new StudentTrainer(other).Train(world.Factory(other), data, folder, "test", TestContext.Current.CancellationToken));
        Assert.Contains("new --out folder", error.Message);
    }

    /// <summary>Weights after each step, read from the checkpoint the trainer wrote after it.</summary>
    private static Dictionary<int, float[]> Snapshots(StudentWorld world, TripletDataset data, StudentOptions options)
    {
        var folder = GenerationWorld.TempDirectory();
        var snapshots = new Dictionary<int, float[]>();
        var (_, student) = new StudentTrainer(options, new CopyCheckpoints(folder, snapshots, world.Embeddings.Columns)).Train(world.Factory(options), data, folder, "test", TestContext.Current.CancellationToken);
        student.Dispose();
        return snapshots;
    }

    private sealed class CopyCheckpoints(string folder, Dictionary<int, float[]> snapshots, int dimensions) : IStudentProgress
    {
        public void Report(StudentCurvePoint point) { }

        public void Checkpointed(int step)
        {
            using var head = new LinearHeadStudent(dimensions);
            head.Module.load(Path.Combine(folder, $"step-{step:D8}", "weights.dat"));
            snapshots[step] = StudentWorld.Weights(head);
        }
    }

    private sealed class StopAtCheckpoint(CancellationTokenSource stop, int step) : IStudentProgress
    {
        public void Report(StudentCurvePoint point) { }

        public void Checkpointed(int at)
        {
            if (at == step) stop.Cancel();
        }
    }

    /// <summary>A bare linear head as a student (θ₀ = identity, bias 0), for reading checkpoints.</summary>
    private sealed class LinearHeadStudent(int dimensions) : IStudentNetwork
    {
        private readonly LinearHead head = new(dimensions);
        public nn.Module Module => head;
        public Tensor Forward(long[] items) => throw new NotSupportedException();
        public void Dispose() => head.Dispose();
    }
}
