namespace AligNet.Domain.Participation;

public enum SessionStatus
{
    InProgress,
    Completed,
    Abandoned,
}
