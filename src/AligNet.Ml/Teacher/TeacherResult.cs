using AligNet.Evaluation.Metrics;

namespace AligNet.Ml.Teacher;

/// <summary>Distinct item sets and responses in each split.</summary>
public sealed record SplitSizes(int TrainTriplets, int ValidationTriplets, int TestTriplets, int TrainResponses, int ValidationResponses, int TestResponses);

/// <summary>
/// Base model vs teacher on one set of responses. The base model is scored with cosine similarity (as published);
/// "calibrated" means with a temperature fitted on the validation split — the base model gets one too, so that
/// the NLL comparison is not won by calibration alone.
/// </summary>
public sealed record TeacherMetrics(OddOneOutReport Base, OddOneOutReport BaseCalibrated, OddOneOutReport Teacher, OddOneOutReport TeacherCalibrated);

/// <summary>Everything a teacher run produced: the model, how it was chosen, and how it scores on its own test split.</summary>
public sealed record TeacherResult(
    TeacherOptions Options,
    double ChosenLambda,
    IReadOnlyList<TrainingEpoch> Curve,
    SplitSizes Split,
    TeacherMetrics TestMetrics,
    TeacherModel Model,
    double TripletsPerSecond,
    string Device);
