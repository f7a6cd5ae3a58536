namespace AligNet.Data.Participation;

/// <summary>Why a participant request was refused; the web tier maps each kind to its HTTP status.</summary>
public enum ParticipationError
{
    /// <summary>400: the request itself is malformed or out of range.</summary>
    Invalid,
    /// <summary>401: no or wrong session secret.</summary>
    Unauthorized,
    /// <summary>403: the request touches something of another session.</summary>
    Forbidden,
    /// <summary>404: unknown study or session.</summary>
    NotFound,
    /// <summary>409: conflicts with what is stored (a reused response id, an answered trial, a paused study).</summary>
    Conflict,
    /// <summary>410: the study is closed.</summary>
    Gone,
}

/// <summary>A refused participant request. The message is shown to the participant or bot and names the fix.</summary>
public sealed class ParticipationException(ParticipationError error, string message) : Exception(message)
{
    public ParticipationError Error { get; } = error;
}
