using AligNet.Ml.Teacher;

namespace AligNet.Ml.Tests.Teacher;

/// <summary>
/// A teacher training stopped in the middle and restarted on its checkpoint folder continues where it stopped and
/// ends with exactly the teacher an uninterrupted training gives (CPU, same seed): the reference is the uninterrupted
/// training itself, not the checkpoint's own notion of where it stood.
/// </summary>
public sealed class TeacherCheckpointTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), $"alignet-teacher-checkpoints-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    /// <summary>Two λ (with early stopping in play) and the local term on, so every kind of saved state matters.</summary>
    private static readonly TeacherOptions Options = TeacherTrainerTests.Quick with { LambdaGrid = [1, 0.01], MaxEpochs = 8, Patience = 3, Alpha = 0.1 };

    [Theory]
    [InlineData(0, 3)] // in the middle of the first λ
    [InlineData(1, 2)] // in the second λ: the first comes back from the checkpoint, finished
    public void A_training_stopped_mid_way_resumes_from_its_checkpoint_and_ends_bit_for_bit_as_if_uninterrupted(int stopLambda, int stopEpoch)
    {
        var (x, responses) = TeacherTrainerTests.Synthetic(triplets: 400);
        var reference = new TeacherTrainer(Options).Train(x, responses);

        var stopAt = Options.LambdaGrid[stopLambda];
        Assert.Throws<StopHere>(() => new TeacherTrainer(Options, new Recorder(stopAt, stopEpoch)).Train(x, responses, checkpoints: folder));
        var recorder = new Recorder(double.NaN, 0);
        var resumed = new TeacherTrainer(Options, recorder).Train(x, responses, checkpoints: folder);

        Assert.Equal((stopAt, stopEpoch), recorder.ResumedAt);
        // Only the epochs after the checkpoint were trained again.
        Assert.Equal((stopAt, stopEpoch + 1), (recorder.Epochs[0].Lambda, recorder.Epochs[0].Epoch));
        Assert.Equal(reference.Curve, resumed.Curve);
        Assert.Equal(reference.Model.Weight, resumed.Model.Weight);
        Assert.Equal(reference.Model.Bias, resumed.Model.Bias);
        Assert.Equal(reference.ChosenLambda, resumed.ChosenLambda);
        Assert.Equal(reference.Model.Temperature, resumed.Model.Temperature);
    }

    [Fact]
    public void A_checkpoint_of_other_responses_is_deleted_and_training_starts_afresh()
    {
        var (x, responses) = TeacherTrainerTests.Synthetic(triplets: 400);
        Assert.Throws<StopHere>(() => new TeacherTrainer(Options, new Recorder(1, 2)).Train(x, responses, checkpoints: folder));

        var fewer = responses.Take(300).ToList();
        var recorder = new Recorder(double.NaN, 0);
        var result = new TeacherTrainer(Options, recorder).Train(x, fewer, checkpoints: folder);

        Assert.Null(recorder.ResumedAt);
        Assert.Equal(1, recorder.Epochs[0].Epoch);
        Assert.Equal(new TeacherTrainer(Options).Train(x, fewer).Model.Weight, result.Model.Weight);
    }

    private sealed class StopHere : Exception;

    /// <summary>Records epochs and a resume; throws after the given epoch as a killed process would stop.</summary>
    private sealed class Recorder(double stopLambda, int stopEpoch) : ITrainingProgress
    {
        public List<TrainingEpoch> Epochs { get; } = [];
        public (double, int)? ResumedAt { get; private set; }

        public void Report(TrainingEpoch epoch)
        {
            Epochs.Add(epoch);
            // Thrown from the next epoch's report: the checkpoint of stopEpoch is complete, the next one not yet written.
            if (epoch.Lambda == stopLambda && epoch.Epoch == stopEpoch + 1) throw new StopHere();
        }

        public void Resumed(double lambda, int epoch) => ResumedAt = (lambda, epoch);
    }
}
