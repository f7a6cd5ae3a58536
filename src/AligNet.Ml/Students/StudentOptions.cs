namespace AligNet.Ml.Students;

/// <summary>The loss between the teacher's soft label p and the student's distribution q (METHOD.md §4).</summary>
public enum StudentObjectiveKind
{
    /// <summary>Jensen–Shannon divergence JSD(p, q): the released default; symmetric and bounded by ln 2.</summary>
    Jsd,

    /// <summary>KL(p ‖ q): the cross-entropy to the soft labels minus their entropy.</summary>
    Kl,
}

/// <summary>The head of an embedding-level student over frozen base features.</summary>
public enum StudentHeadKind
{
    /// <summary>z = x·A + c, A (p × p) initialised at the identity, c at 0: the student starts as the base model.</summary>
    Linear,

    /// <summary>z = x + GELU(x·W₁ + b₁)·W₂ + b₂ with W₂, b₂ at 0: a residual MLP that also starts as the base model.</summary>
    Mlp,
}

/// <summary>
/// Hyper-parameters of student training (METHOD.md §4). Defaults suit an embedding-level head on CPU; the released
/// network schedule (3e-5 peak, 5 k warm-up of 100 k steps, 512 triplets a step) is reached by setting them.
/// </summary>
public sealed record StudentOptions
{
    public StudentObjectiveKind Objective { get; init; } = StudentObjectiveKind.Jsd;
    public StudentHeadKind Head { get; init; } = StudentHeadKind.Linear;
    /// <summary>Hidden width of the MLP head; ignored by the linear head.</summary>
    public int HiddenWidth { get; init; } = 256;
    /// <summary>τ_s: q = softmax([d_ij, d_ik, d_jk] / τ_s) with d the dot products of the student's outputs.</summary>
    public double Temperature { get; init; } = 1.0;
    /// <summary>w of the decay toward the initial weights: θ ← θ − lr·(adam + w·(θ − θ₀)).</summary>
    public double Decay { get; init; } = 1.0;
    public int Steps { get; init; } = 2000;
    public int Batch { get; init; } = 512;
    /// <summary>Peak learning rate, reached at the end of the warm-up.</summary>
    public double LearningRate { get; init; } = 1e-3;
    /// <summary>Linear warm-up steps; null = 5 % of <see cref="Steps"/> (the release: 5 k of 100 k).</summary>
    public int? WarmupSteps { get; init; }
    public int Seed { get; init; } = 42;
    /// <summary>A checkpoint every this many steps (0 = none); a run restarted on the same folder resumes from the last.</summary>
    public int CheckpointEvery { get; init; } = 500;
    /// <summary>Validation on the data set's validation split every this many steps, and always after the last.</summary>
    public int ValidateEvery { get; init; } = 250;
    /// <summary>False (the default) trains on the CPU, where a seed gives the same weights every time; true uses CUDA when libtorch sees a GPU.</summary>
    public bool AllowCuda { get; init; }

    public int Warmup => WarmupSteps ?? Steps / 20;

    public void Validate()
    {
        if (!(Temperature > 0) || !double.IsFinite(Temperature)) throw new ArgumentException($"--tau must be a positive number, not {Temperature}.");
        if (!(Decay >= 0) || !double.IsFinite(Decay)) throw new ArgumentException($"--decay must be 0 or more, not {Decay}.");
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate)) throw new ArgumentException($"--learning-rate must be positive, not {LearningRate}.");
        if (Steps < 1) throw new ArgumentException($"--steps must be at least 1, not {Steps}.");
        if (Batch < 1) throw new ArgumentException($"--batch must be at least 1, not {Batch}.");
        if (Warmup < 0 || Warmup > Steps) throw new ArgumentException($"--warmup must lie between 0 and --steps ({Steps}), not {Warmup}.");
        if (CheckpointEvery < 0) throw new ArgumentException($"--checkpoint-every must be 0 (none) or more, not {CheckpointEvery}.");
        if (ValidateEvery < 1) throw new ArgumentException($"--validate-every must be at least 1, not {ValidateEvery}.");
        if (Head == StudentHeadKind.Mlp && HiddenWidth < 1) throw new ArgumentException($"--hidden must be at least 1, not {HiddenWidth}.");
    }
}
