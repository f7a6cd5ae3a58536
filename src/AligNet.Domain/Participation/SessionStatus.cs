namespace AligNet.Domain.Participation;

public enum SessionStatus
{
    InProgress,
    /// <summary>Ended: every trial was answered or timed out, or the session was screened out; see <see cref="SessionOutcome"/>.</summary>
    Completed,
    /// <summary>The participant declined consent or never came back.</summary>
    Abandoned,
}
