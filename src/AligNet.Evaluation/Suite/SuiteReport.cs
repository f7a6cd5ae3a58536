using AligNet.Evaluation.Statistics;

namespace AligNet.Evaluation.Suite;

/// <summary>
/// The evaluation of one model (or a model and a baseline, compared pairwise) against human triplets:
/// all triplets and each abstraction level, calibration data, and RSA when a human similarity matrix exists.
/// Figures are keyed by name (see <see cref="LevelFigures"/>); a missing figure is not defined for the input.
/// </summary>
public sealed record SuiteReport(
    int Responses,
    int Triplets,
    int Participants,
    int Bootstrap,
    long Seed,
    IReadOnlyList<ModelSummary> Models,
    LevelReport All,
    IReadOnlyDictionary<string, LevelReport> Levels,
    IReadOnlyList<CalibrationReport> Calibration,
    RsaReport? Rsa)
{
    /// <summary>A bounded sample of per-triplet (entropy, RT) points behind rt_rho; null without reaction times.</summary>
    public RtSample? RtPoints { get; init; }
}

/// <param name="Name">"model" or "baseline".</param>
/// <param name="Temperature">The fitted temperature used for the figures without the _t1 suffix.</param>
/// <param name="TemperatureSource">"artifact" (the teacher's own) or "fitted" (minimum NLL on these responses).</param>
public sealed record ModelSummary(string Name, double Temperature, string TemperatureSource);

/// <param name="Human">noise_ceiling, loo_ceiling, human_entropy (nats), human_agreement, rt_rho (human entropy vs mean log RT).</param>
/// <param name="Models">Per model: accuracy, majority_accuracy, nll, ece, nll_t1, ece_t1, rt_rho (model entropy vs mean log RT).</param>
/// <param name="Difference">model − baseline with paired intervals: accuracy, majority_accuracy, nll; null without a baseline.</param>
public sealed record LevelReport(
    int Responses,
    int Triplets,
    IReadOnlyDictionary<string, Estimate?> Human,
    IReadOnlyList<IReadOnlyDictionary<string, Estimate?>> Models,
    IReadOnlyDictionary<string, Estimate?>? Difference);

/// <summary>Reliability diagram of one model at one temperature: 10 equal-width bins of the max probability.</summary>
public sealed record CalibrationReport(string Model, double Temperature, IReadOnlyList<ReliabilityBin> Bins);

/// <param name="Responses">Responses whose triplet falls in the bin.</param>
/// <param name="Confidence">Mean max probability; null in an empty bin.</param>
/// <param name="Accuracy">Share of those responses the model predicts; null in an empty bin.</param>
public sealed record ReliabilityBin(double Lower, double Upper, long Responses, double? Confidence, double? Accuracy);

/// <param name="Source">"triplets" (estimated from the responses) or "imported".</param>
/// <param name="Pairs">Item pairs compared (upper triangle, pairs the human matrix defines).</param>
/// <param name="Replicates">Bootstrap replicates behind the intervals (at most RsaAnalysis.MaxReplicates).</param>
/// <param name="Rho">Spearman ρ per model between model and human dissimilarities; intervals by resampling items.</param>
public sealed record RsaReport(string Source, int Items, long Pairs, int Replicates, IReadOnlyList<Estimate?> Rho);
