namespace AligNet.Evaluation.Suite;

/// <summary>
/// The figures of one group of triplets (a level, or all), recomputed from weighted sums so that the point value
/// (all weights 1) and every bootstrap replicate use the same code. Layout of the result vector:
/// the human figures, then <see cref="PerModel"/> figures for each model, then the paired differences
/// (model 0 − model 1) when two models are compared.
/// </summary>
public static class LevelFigures
{
    public static readonly string[] Human = ["noise_ceiling", "loo_ceiling", "human_entropy", "human_agreement"];
    public static readonly string[] PerModel = ["accuracy", "majority_accuracy", "nll", "ece", "nll_t1", "ece_t1"];
    public static readonly string[] Differences = ["accuracy", "majority_accuracy", "nll"];

    public static int Size(int models) => Human.Length + models * PerModel.Length + (models == 2 ? Differences.Length : 0);

    /// <param name="columns">Per model: [fitted temperature, T = 1].</param>
    /// <param name="weights">Multiplicity of each triplet of <paramref name="triplets"/>, or null for the data as observed.</param>
    public static void Compute(TripletTable table, IReadOnlyList<ModelColumns[]> columns, int[] triplets, int[]? weights, double[] result)
    {
        var human = table.Human;
        double responses = 0, repeated = 0, share = 0, looHits = 0, looResponses = 0, entropy = 0, agreement = 0;
        for (var u = 0; u < triplets.Length; u++)
        {
            var w = weights?[u] ?? 1;
            if (w == 0) continue;
            var t = triplets[u];
            var n = human.Responses[t];
            responses += w * n;
            if (n < 2) continue;
            repeated += w;
            share += w * human.Share[t];
            looHits += w * human.LooHits[t];
            looResponses += w * n;
            entropy += w * human.Entropy[t];
            agreement += w * human.Agreement[t];
        }
        result[0] = Ratio(share, repeated);
        result[1] = Ratio(looHits, looResponses);
        result[2] = Ratio(entropy, repeated);
        result[3] = Ratio(agreement, repeated);

        Span<double> bins = stackalloc double[ModelColumns.Bins * 3 * 2]; // [temperature][bin][count, confidence, correct]
        for (var m = 0; m < columns.Count; m++)
        {
            var at = Human.Length + m * PerModel.Length;
            var (fitted, unit) = (columns[m][0], columns[m][1]);
            double correct = 0, majorityTriplets = 0, majorityHits = 0, nll = 0, nllUnit = 0;
            bins.Clear();
            for (var u = 0; u < triplets.Length; u++)
            {
                var w = weights?[u] ?? 1;
                if (w == 0) continue;
                var t = triplets[u];
                var n = human.Responses[t];
                correct += w * fitted.Correct[t];
                nll += w * fitted.Nll[t];
                nllUnit += w * unit.Nll[t];
                if (fitted.MajorityHit[t] >= 0)
                {
                    majorityTriplets += w;
                    majorityHits += w * fitted.MajorityHit[t];
                }
                AddToBin(bins, 0, fitted.Bin[t], w * n, w * n * fitted.Confidence[t], w * fitted.Correct[t]);
                AddToBin(bins, 1, unit.Bin[t], w * n, w * n * unit.Confidence[t], w * unit.Correct[t]);
            }
            result[at] = Ratio(correct, responses);
            result[at + 1] = Ratio(majorityHits, majorityTriplets);
            result[at + 2] = Ratio(nll, responses);
            result[at + 3] = Ece(bins, 0, responses);
            result[at + 4] = Ratio(nllUnit, responses);
            result[at + 5] = Ece(bins, 1, responses);
        }

        if (columns.Count == 2)
        {
            var d = Human.Length + 2 * PerModel.Length;
            var second = Human.Length + PerModel.Length;
            result[d] = result[Human.Length] - result[second];
            result[d + 1] = result[Human.Length + 1] - result[second + 1];
            result[d + 2] = result[Human.Length + 2] - result[second + 2];
        }
    }

    private static void AddToBin(Span<double> bins, int temperature, int bin, double count, double confidence, double correct)
    {
        var at = (temperature * ModelColumns.Bins + bin) * 3;
        bins[at] += count;
        bins[at + 1] += confidence;
        bins[at + 2] += correct;
    }

    /// <summary>Σ over bins of (responses in bin / all) × |accuracy − mean confidence|.</summary>
    private static double Ece(Span<double> bins, int temperature, double responses)
    {
        if (responses == 0) return double.NaN;
        double ece = 0;
        for (var b = 0; b < ModelColumns.Bins; b++)
        {
            var at = (temperature * ModelColumns.Bins + b) * 3;
            if (bins[at] == 0) continue;
            ece += bins[at] / responses * Math.Abs(bins[at + 2] / bins[at] - bins[at + 1] / bins[at]);
        }
        return ece;
    }

    private static double Ratio(double numerator, double denominator) => denominator == 0 ? double.NaN : numerator / denominator;
}
