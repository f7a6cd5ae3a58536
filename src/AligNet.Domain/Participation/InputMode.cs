namespace AligNet.Domain.Participation;

public enum InputMode
{
    Keyboard,
    Mouse,
    Touch,
    /// <summary>No answer within the study's response time limit.</summary>
    Timeout,
}
