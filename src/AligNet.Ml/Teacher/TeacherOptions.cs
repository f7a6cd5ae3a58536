namespace AligNet.Ml.Teacher;

/// <summary>
/// Hyper-parameters of the teacher (METHOD.md §2). Defaults are gLocal's; the λ grid is searched on validation loss
/// unless <see cref="LambdaGrid"/> holds a single value.
/// </summary>
public sealed record TeacherOptions
{
    public double Alpha { get; init; } = 0.1;
    /// <summary>10 is in the grid because CLIP on THINGS chose the top of the earlier grid {1 … 0.001}.</summary>
    public IReadOnlyList<double> LambdaGrid { get; init; } = [10, 1, 0.1, 0.01, 0.001];
    public double LocalTemperature { get; init; } = 1.0;
    public double LearningRate { get; init; } = 1e-3;
    public int TripletBatch { get; init; } = 256;
    /// <summary>Stimuli per L_local batch; capped at the number of stimuli.</summary>
    public int LocalBatch { get; init; } = 1024;
    public int MaxEpochs { get; init; } = 100;
    /// <summary>Epochs without a better validation loss before training stops.</summary>
    public int Patience { get; init; } = 5;
    public double GradientClipNorm { get; init; } = 1.0;
    public double TrainFraction { get; init; } = 0.8;
    public double ValidationFraction { get; init; } = 0.1;
    public int Seed { get; init; } = 42;
    /// <summary>False keeps training on the CPU even when a GPU is present (bit-for-bit reproducible runs).</summary>
    public bool AllowCuda { get; init; } = true;
    /// <summary>
    /// The embeddings L_local was computed on when not the training items (gLocal: the pool the teacher will label);
    /// set by the trainer from the pool it was given, so the manifest records it. Null = the training items.
    /// </summary>
    public EmbeddingFingerprint? LocalPool { get; init; }

    public void Validate()
    {
        if (!(Alpha is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(Alpha), Alpha, "α must lie in [0, 1].");
        if (LambdaGrid.Count == 0 || LambdaGrid.Any(l => !(l >= 0) || !double.IsFinite(l))) throw new ArgumentException("The λ grid needs at least one finite λ ≥ 0.", nameof(LambdaGrid));
        if (!(LocalTemperature > 0)) throw new ArgumentOutOfRangeException(nameof(LocalTemperature), LocalTemperature, "τ must be positive.");
        if (!(LearningRate > 0)) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "The learning rate must be positive.");
        ArgumentOutOfRangeException.ThrowIfLessThan(TripletBatch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(LocalBatch, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxEpochs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(Patience, 1);
        if (!(TrainFraction > 0) || !(ValidationFraction > 0) || TrainFraction + ValidationFraction >= 1)
        {
            throw new ArgumentException($"Train ({TrainFraction}) and validation ({ValidationFraction}) fractions must be positive and leave a test share.");
        }
    }
}
