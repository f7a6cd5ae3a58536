using AligNet.Domain.Participation;

namespace AligNet.Domain.Designs;

/// <summary>
/// The seeded coin that sends each main slot of an adaptive study's session to the random or the adaptive arm
/// (ADR-021). It is a pure function of the session's plan seed and the slot, not a draw from the batch's
/// <see cref="Random"/>, so a slot's arm does not depend on how the session was cut into batches, and a reload
/// (which serves stored trials anyway) could recompute it. SplitMix64 mixes the two numbers; consecutive seeds of
/// <see cref="Random"/> would give correlated first draws.
/// </summary>
public static class ArmCoin
{
    /// <summary>Random with probability <paramref name="randomShare"/>, else Adaptive.</summary>
    public static TrialArm Draw(int planSeed, int slot, double randomShare) =>
        Uniform(planSeed, slot) < randomShare ? TrialArm.Random : TrialArm.Adaptive;

    /// <summary>A number in [0, 1) determined by the seed and the slot.</summary>
    public static double Uniform(int planSeed, int slot)
    {
        var z = ((ulong)(uint)planSeed << 32 | (uint)slot) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }
}
