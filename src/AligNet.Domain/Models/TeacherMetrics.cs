namespace AligNet.Domain.Models;

/// <summary>
/// The metrics stored with a teacher version (<see cref="ModelVersion.Metrics"/>): base vs teacher on its held-out test
/// split, before and after calibration. The training pipeline writes this record and every reader reads it, so a
/// renamed field breaks the build rather than a page.
/// </summary>
public sealed record TeacherVersionMetrics(
    OddOneOutScores Base,
    OddOneOutScores BaseCalibrated,
    OddOneOutScores TeacherUncalibrated,
    OddOneOutScores Teacher,
    double Temperature,
    double TripletsPerSecond,
    string Device);

/// <summary>One model's scores on a set of odd-one-out responses (see AligNet.Evaluation's OddOneOutReport).</summary>
public sealed record OddOneOutScores(int Responses, int Triplets, double Accuracy, double? MajorityAccuracy, double? NoiseCeiling, double Nll, double Ece);

/// <summary>One epoch of one λ of a teacher's training curve (<see cref="ModelVersion.TrainingCurve"/> is a list of these).</summary>
public sealed record CurvePoint(double Lambda, int Epoch, double TrainLoss, double ValidationLoss, double ValidationAccuracy);
