namespace AligNet.Domain.Participation;

/// <summary>
/// Which arm of an adaptive study chose a main trial (ADR-021). Null on trials of non-adaptive studies and on
/// practice, catch and repeat-probe trials, which no arm chooses.
/// </summary>
public enum TrialArm
{
    /// <summary>The seeded coin chose the random arm: balanced random, as in a non-adaptive study.</summary>
    Random,

    /// <summary>Popped from the study's queue; the trial names the teacher version that scored it.</summary>
    Adaptive,

    /// <summary>The coin chose the adaptive arm but the queue had nothing for this person (empty, or no teacher yet): balanced random.</summary>
    Fallback,
}
