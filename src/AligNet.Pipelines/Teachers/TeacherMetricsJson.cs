using AligNet.Evaluation.Metrics;
using AligNet.Ml.Teacher;

namespace AligNet.Pipelines.Teachers;

/// <summary>The metrics stored with a teacher version: base vs teacher on the held-out test split, before and after calibration.</summary>
public static class TeacherMetricsJson
{
    public static object From(TeacherResult result) => new
    {
        @base = Scores(result.TestMetrics.Base),
        baseCalibrated = Scores(result.TestMetrics.BaseCalibrated),
        teacherUncalibrated = Scores(result.TestMetrics.Teacher),
        teacher = Scores(result.TestMetrics.TeacherCalibrated),
        temperature = result.Model.Temperature,
        tripletsPerSecond = result.TripletsPerSecond,
        device = result.Device,
    };

    private static object Scores(OddOneOutReport r) => new
    {
        responses = r.Responses, triplets = r.Triplets, accuracy = r.Accuracy, majorityAccuracy = r.MajorityAccuracy,
        noiseCeiling = r.NoiseCeiling, nll = r.Nll, ece = r.Ece,
    };
}
