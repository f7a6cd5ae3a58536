using AligNet.Domain.Participation;
using AligNet.Domain.Studies;

namespace AligNet.Data.Participation;

/// <summary>A session with what the participant's browser needs to continue it.</summary>
/// <param name="Token">The secret, when this request opened or resumed the session from its link; otherwise null.</param>
/// <param name="NextTrialIndex">The first trial without a stored response.</param>
public sealed record SessionProgress(ParticipantSession Session, Study Study, string ExternalId, string? Token, int NextTrialIndex, int TotalTrials);
