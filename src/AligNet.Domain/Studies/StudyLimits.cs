namespace AligNet.Domain.Studies;

/// <summary>Bounds of a study's design, shared by the web form, the API and the database constraints.</summary>
public static class StudyLimits
{
    public const int MaxTrialsPerParticipant = 2000;
    public const int MaxPracticeTrials = 50;
    public const int MaxBlocks = 50;
    public const int MaxTimeLimitMs = 120_000;
    public const int MaxTextLength = 20_000;
    public const int MaxCodeLength = 64;

    /// <summary>A repeated triplet comes at least this many trials after its first showing (THINGS consistency sets).</summary>
    public const int RepeatProbeMinimumGap = 16;

    /// <summary>Adaptive sampling keeps at least this share of main trials random: an unbiased sample for analysis (ADR-021).</summary>
    public const double MinRandomArmShare = 0.05;
    public const double DefaultRandomArmShare = 0.15;
}
