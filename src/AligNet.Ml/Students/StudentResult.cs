namespace AligNet.Ml.Students;

/// <summary>One point of the training curve: mean training loss since the previous point and the validation figures.</summary>
/// <param name="ValidationAgreement">Share of validation triplets whose most probable odd one out is the teacher's.</param>
public sealed record StudentCurvePoint(int Step, double LearningRate, double TrainLoss, double ValidationLoss, double ValidationAgreement);

/// <summary>Receives each curve point while a student trains (a console line, a job's log).</summary>
public interface IStudentProgress
{
    void Report(StudentCurvePoint point);

    /// <summary>A checkpoint of <paramref name="step"/> is complete on disk.</summary>
    void Checkpointed(int step) { }
}

/// <summary>What a training run produced; <see cref="Initial"/> is the student before any step (the base model for an identity-initialised head).</summary>
public sealed record StudentResult(
    StudentOptions Options, StudentCurvePoint Initial, StudentCurvePoint Final, IReadOnlyList<StudentCurvePoint> Curve,
    int ResumedFromStep, double Seconds, double TripletsPerSecond, string Device);
