using AligNet.Ml.Teacher;

namespace AligNet.Ml.Sampling;

/// <summary>
/// The adaptive-vs-random experiment (ADR-022): per seed, a seed batch of random triplets, then
/// <see cref="Rounds"/> batches chosen by each arm, a teacher trained after each.
/// </summary>
public sealed record SamplingSimulationOptions
{
    public int Seeds { get; init; } = 5;
    public int FirstSeed { get; init; }
    public int SeedBatch { get; init; } = 200;
    public int Batch { get; init; } = 100;
    public int Rounds { get; init; } = 5;
    /// <summary>Random candidates scored per round (the platform scores 20,000+).</summary>
    public int Candidates { get; init; } = 20_000;
    public double RandomShare { get; init; } = AdaptiveBatch.DefaultRandomShare;
    /// <summary>Probability that the oracle answers at random (the bots' noise).</summary>
    public double Noise { get; init; } = 0.1;
    public int HeldOut { get; init; } = 2_000;
    public UncertaintyScore Score { get; init; } = UncertaintyScore.Entropy;
    /// <summary>
    /// What the demo experiment ran (ADR-022): few epochs so a round does not take minutes on 2 busy cores, λ = 10 (with
    /// a few hundred responses the strongest pull to the base geometry held out best), mini-batches of 128 (the local
    /// term is paid per step), CPU for reproducibility.
    /// </summary>
    public TeacherOptions Teacher { get; init; } = new() { MaxEpochs = 5, LambdaGrid = [10], TripletBatch = 128, AllowCuda = false };

    public void Validate(int poolSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Seeds, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(SeedBatch, 10);
        ArgumentOutOfRangeException.ThrowIfLessThan(Batch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(Rounds, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(HeldOut, 1);
        if (Candidates < Batch) throw new ArgumentException($"--candidates ({Candidates}) must be at least --batch ({Batch}): a batch is taken from the scored candidates.");
        if (RandomShare is < 0 or > 1) throw new ArgumentException($"--random-share {RandomShare} is not a fraction from 0 to 1.");
        if (Noise is < 0 or > 1) throw new ArgumentException($"--noise {Noise} is not a probability from 0 to 1.");
        long n = poolSize;
        var triplets = n * (n - 1) * (n - 2) / 6;
        var needed = (long)HeldOut + SeedBatch + (long)Rounds * Batch + Candidates;
        if (needed > triplets)
        {
            throw new ArgumentException($"{poolSize} items make {triplets} triplets, fewer than held-out + seed batch + rounds × batch + candidates = {needed}: ask for fewer.");
        }
        Teacher.Validate();
    }
}
