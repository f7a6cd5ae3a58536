namespace AligNet.Domain.Participation;

/// <summary>How a finished session ended; decides which completion code the participant receives.</summary>
public enum SessionOutcome
{
    Completed,
    /// <summary>Ended early because the person cannot take the study (e.g. a device without an allowed input).</summary>
    ScreenedOut,
    /// <summary>Ended after failing the attention checks (catch trials, missed responses).</summary>
    FailedChecks,
}
