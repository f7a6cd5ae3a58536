using AligNet.Evaluation.Embeddings;
using AligNet.Evaluation.Metrics;
using AligNet.Evaluation.Triplets;
using TorchSharp;
using static TorchSharp.torch;

namespace AligNet.Ml.Teacher;

/// <summary>
/// Trains the teacher of METHOD.md §2 on base embeddings and human odd-last responses: split by item set, a λ grid
/// chosen on validation loss, a temperature fitted on validation NLL, and base vs teacher scored on the test split.
/// Runs on <see cref="ComputeDevice.Select"/>'s device; on the CPU a seed gives the same result every time.
/// </summary>
public sealed class TeacherTrainer(TeacherOptions? options = null, ITrainingProgress? progress = null)
{
    public TeacherOptions Options { get; } = options ?? new TeacherOptions();

    /// <param name="localPool">Base embeddings (same model) to compute L_local on instead of the training items: the pool the teacher will label.</param>
    /// <param name="checkpoints">
    /// Folder for a checkpoint after every epoch; a training of the same inputs and options restarted on it resumes
    /// from the last one and ends with the same result as if it had not stopped (on the CPU, bit for bit). A
    /// checkpoint of other inputs is deleted. The caller removes the folder once the result is saved.
    /// </param>
    public TeacherResult Train(EmbeddingMatrix embeddings, IReadOnlyList<TripletResponse> responses, EmbeddingMatrix? localPool = null, string? checkpoints = null)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        Options.Validate();
        if (localPool is not null && localPool.Columns != embeddings.Columns)
        {
            throw new ArgumentException($"The local-structure pool has {localPool.Columns} dimensions and the embeddings {embeddings.Columns}: pass embeddings of the same base model.", nameof(localPool));
        }
        if (localPool?.FirstNonFinite() is { } bad) throw new ArgumentException($"Local-structure pool row {bad.Row}, column {bad.Column} is NaN or infinite.", nameof(localPool));
        if (localPool is { Rows: < 2 }) throw new ArgumentException("The local-structure pool needs at least 2 items.", nameof(localPool));
        if (embeddings.FirstNonFinite() is { } at)
        {
            throw new ArgumentException($"Embedding row {at.Row}, column {at.Column} is NaN or infinite: a teacher needs finite embeddings.", nameof(embeddings));
        }
        var split = TripletSplit.ByItemSet(responses, embeddings.Rows, Options.Seed, Options.TrainFraction, Options.ValidationFraction);
        var (mean, deviation) = ScalarMoments(embeddings);
        var device = ComputeDevice.Select(Options.AllowCuda);
        torch.manual_seed(Options.Seed);

        var (train, validation) = (TripletTargets.From(split.Train), TripletTargets.From(split.Validation));
        using var normalized = tensor(Array.ConvertAll(embeddings.Values, v => (float)((v - mean) / deviation)), [embeddings.Rows, embeddings.Columns], device: device);
        // The pool is normalised with the training embeddings' μ and σ: the teacher applies one transform to both.
        using var local = localPool is null ? null : tensor(Array.ConvertAll(localPool.Values, v => (float)((v - mean) / deviation)), [localPool.Rows, localPool.Columns], device: device);
        var checkpoint = checkpoints is null ? null : TeacherCheckpoint.Open(checkpoints, TeacherCheckpoint.RunKey(Options, embeddings, responses, localPool));
        if (checkpoint?.ResumedAt is { } resumed) progress?.Resumed(Options.LambdaGrid[resumed.LambdaIndex], resumed.Epoch);
        var fits = new List<FitOutcome>(checkpoint?.Completed ?? []);
        for (var i = fits.Count; i < Options.LambdaGrid.Count; i++)
        {
            var fit = TeacherFit.Run(normalized, local ?? normalized, train, validation, Options.LambdaGrid[i], Options, progress, checkpoint, i);
            fits.Add(fit);
            checkpoint?.Complete(fit);
        }
        var best = fits.MinBy(f => f.ValidationLoss)!;

        var fingerprint = EmbeddingFingerprint.Of(embeddings);
        var uncalibrated = new TeacherModel(embeddings.Columns, Array.ConvertAll(best.Weight, v => (double)v), Array.ConvertAll(best.Bias, v => (double)v), mean, deviation, 1.0, fingerprint);
        var transformed = uncalibrated.Transform(embeddings);
        var teacherTemperature = FitTemperature(new OddOneOutModel(transformed, SimilarityKind.Dot), split.Validation);
        var baseTemperature = FitTemperature(new OddOneOutModel(embeddings, SimilarityKind.Cosine), split.Validation);

        var metrics = new TeacherMetrics(
            OddOneOutEvaluator.Evaluate(new OddOneOutModel(embeddings, SimilarityKind.Cosine), split.Test),
            OddOneOutEvaluator.Evaluate(new OddOneOutModel(embeddings, SimilarityKind.Cosine, baseTemperature), split.Test),
            OddOneOutEvaluator.Evaluate(new OddOneOutModel(transformed, SimilarityKind.Dot), split.Test),
            OddOneOutEvaluator.Evaluate(new OddOneOutModel(transformed, SimilarityKind.Dot, teacherTemperature), split.Test));
        var sizes = new SplitSizes(train.Count, validation.Count, split.Test.Select(r => r.ItemSet).Distinct().Count(),
            split.Train.Count, split.Validation.Count, split.Test.Count);
        var options = localPool is null ? Options : Options with { LocalPool = EmbeddingFingerprint.Of(localPool) };
        return new TeacherResult(options, best.Lambda, [.. fits.SelectMany(f => f.Curve)], sizes, metrics,
            uncalibrated with { Temperature = teacherTemperature }, fits.Average(f => f.TripletsPerSecond), ComputeDevice.Describe(device));
    }

    /// <summary>The temperature minimising the NLL of <paramref name="responses"/> under <paramref name="model"/>'s similarities.</summary>
    public static double FitTemperature(OddOneOutModel model, IReadOnlyList<TripletResponse> responses) =>
        TemperatureFit.Fit([.. responses.Select(r => model.PairSimilarities(r.I, r.J, r.K))]); // odd-last: S_ij is the kept pair

    /// <summary>Mean and (population) standard deviation over every value of the matrix: one scalar each.</summary>
    public static (double Mean, double Deviation) ScalarMoments(EmbeddingMatrix embeddings)
    {
        var mean = embeddings.Values.Average();
        var deviation = Math.Sqrt(embeddings.Values.Average(v => (v - mean) * (v - mean)));
        if (!(deviation > 0)) throw new ArgumentException("Every embedding value is the same: there is nothing to transform.", nameof(embeddings));
        return (mean, deviation);
    }
}
