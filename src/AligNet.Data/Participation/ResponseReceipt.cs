namespace AligNet.Data.Participation;

/// <summary>What the server acknowledges for a stored response.</summary>
/// <param name="Duplicate">The same answer was already stored under this id (a retry): acknowledged, not stored again.</param>
/// <param name="SessionEnded">Live quality control ended the session with this answer.</param>
public sealed record ResponseReceipt(Guid Id, bool Duplicate, int Answered, int TotalTrials, bool SessionEnded);
