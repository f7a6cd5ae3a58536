namespace AligNet.Domain.Participation;

/// <summary>Quality verdict of a session. Excluded data stay stored but are left out of training and metrics.</summary>
public enum QcStatus
{
    Pending,
    Valid,
    Flagged,
    Excluded,
}
