namespace AligNet.Cli.Bots;

/// <summary>What a bots run does; see <c>alignet bots --help</c>.</summary>
public sealed record BotSettings(
    Uri Url,
    Guid StudyId,
    int Participants,
    double ThinkMs,
    double ThinkJitter,
    double Noise,
    double RampSeconds,
    double? DurationSeconds,
    int TrialBatch = 10,
    int Seed = 0);
