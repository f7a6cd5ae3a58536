using AligNet.Domain.Models;
using AligNet.Evaluation.Metrics;
using AligNet.Ml.Teacher;

namespace AligNet.Pipelines.Teachers;

/// <summary>The typed documents stored with a teacher version, built from the trainer's result.</summary>
public static class TeacherDocuments
{
    public static TeacherVersionMetrics Metrics(TeacherResult result) => new(
        Scores(result.TestMetrics.Base), Scores(result.TestMetrics.BaseCalibrated),
        Scores(result.TestMetrics.Teacher), Scores(result.TestMetrics.TeacherCalibrated),
        result.Model.Temperature, result.TripletsPerSecond, result.Device);

    public static IReadOnlyList<CurvePoint> Curve(TeacherResult result) =>
        [.. result.Curve.Select(e => new CurvePoint(e.Lambda, e.Epoch, e.TrainLoss, e.ValidationLoss, e.ValidationAccuracy))];

    private static OddOneOutScores Scores(OddOneOutReport r) =>
        new(r.Responses, r.Triplets, r.Accuracy, r.MajorityAccuracy, r.NoiseCeiling, r.Nll, r.Ece);
}
