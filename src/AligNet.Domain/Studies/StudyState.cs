namespace AligNet.Domain.Studies;

/// <summary>Lifecycle of a study. Only <see cref="Open"/> studies accept new participants.</summary>
public enum StudyState
{
    Draft,
    Open,
    Paused,
    Closed,
}
