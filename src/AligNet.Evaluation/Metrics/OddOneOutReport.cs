namespace AligNet.Evaluation.Metrics;

/// <summary>How a representation agrees with human odd-one-out choices (METHOD.md §5).</summary>
/// <param name="Responses">Human responses evaluated.</param>
/// <param name="Triplets">Distinct unordered triplets among them.</param>
/// <param name="Accuracy">Share of responses whose odd one out the model predicts (ties count wrong).</param>
/// <param name="MajorityAccuracy">Share of triplets with a unique human majority that the model predicts; null if none.</param>
/// <param name="MajorityTriplets">Triplets with a unique majority (tied ones are masked).</param>
/// <param name="NoiseCeiling">Mean majority share over triplets answered at least twice; null if none.</param>
/// <param name="LeaveOneOutCeiling">Levels-style leave-one-out ceiling; null if no triplet repeats.</param>
/// <param name="Nll">Mean negative log-likelihood of the human choices under the model's softmax.</param>
/// <param name="Ece">Expected calibration error over 10 equal-width bins of the model's max probability.</param>
public sealed record OddOneOutReport(
    int Responses,
    int Triplets,
    double Accuracy,
    double? MajorityAccuracy,
    int MajorityTriplets,
    double? NoiseCeiling,
    double? LeaveOneOutCeiling,
    double Nll,
    double Ece,
    double Temperature);
