namespace AligNet.Data.Startup;

/// <summary>
/// A start-up problem the operator can fix. Hosts print <see cref="Exception.Message"/> alone (no stack
/// trace) and exit with <see cref="ExitCode"/>, so the message must name the fix.
/// </summary>
public sealed class StartupException(string message, Exception? inner = null) : Exception(message, inner)
{
    public const int ExitCode = 2;
}
