namespace AligNet.Ml.Teacher;

/// <summary>One finished epoch of one λ of the grid: what a job shows while a teacher trains.</summary>
public sealed record TrainingEpoch(double Lambda, int Epoch, double TrainLoss, double ValidationLoss, double ValidationAccuracy);

/// <summary>Receives progress while a teacher trains (a console line in the CLI, a job's progress in the web UI).</summary>
public interface ITrainingProgress
{
    void Report(TrainingEpoch epoch);

    /// <summary>Training continues from a checkpoint taken after <paramref name="epoch"/> of <paramref name="lambda"/>.</summary>
    void Resumed(double lambda, int epoch) { }
}
