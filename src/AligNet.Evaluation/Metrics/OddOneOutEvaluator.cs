using AligNet.Evaluation.Triplets;

namespace AligNet.Evaluation.Metrics;

/// <summary>Scores a model against human responses: accuracy, majority accuracy, ceilings, NLL and ECE.</summary>
public static class OddOneOutEvaluator
{
    public const int CalibrationBins = 10;

    public static OddOneOutReport Evaluate(OddOneOutModel model, IReadOnlyList<TripletResponse> responses)
    {
        if (responses.Count == 0) throw new ArgumentException("There are no responses to evaluate.", nameof(responses));
        var correct = 0;
        double nll = 0;
        var binCount = new int[CalibrationBins];
        var binConfidence = new double[CalibrationBins];
        var binCorrect = new int[CalibrationBins];

        foreach (var r in responses)
        {
            var predicted = model.PredictOdd(r.I, r.J, r.K);
            var hit = predicted == r.K;
            if (hit) correct++;

            var (pk, pj, pi) = model.Probabilities(r.I, r.J, r.K);
            nll -= Math.Log(Math.Max(pk, double.Epsilon));

            var confidence = Math.Max(pk, Math.Max(pj, pi));
            var bin = Math.Min((int)(confidence * CalibrationBins), CalibrationBins - 1);
            binCount[bin]++;
            binConfidence[bin] += confidence;
            if (hit) binCorrect[bin]++;
        }

        var ece = 0.0;
        for (var b = 0; b < CalibrationBins; b++)
        {
            if (binCount[b] == 0) continue;
            ece += (double)binCount[b] / responses.Count * Math.Abs((double)binCorrect[b] / binCount[b] - binConfidence[b] / binCount[b]);
        }

        var agreement = HumanAgreement.From(responses);
        var (majorityCorrect, majorityTriplets) = (0, 0);
        foreach (var (set, counts) in agreement.Counts)
        {
            if (HumanAgreement.MajorityOdd(set, counts) is not { } majority) continue;
            majorityTriplets++;
            if (model.PredictOdd(set.A, set.B, set.C) == majority) majorityCorrect++;
        }

        return new OddOneOutReport(
            responses.Count,
            agreement.Counts.Count,
            (double)correct / responses.Count,
            majorityTriplets == 0 ? null : (double)majorityCorrect / majorityTriplets,
            majorityTriplets,
            agreement.NoiseCeiling(),
            agreement.LeaveOneOutCeiling(),
            nll / responses.Count,
            ece,
            model.Temperature);
    }
}
