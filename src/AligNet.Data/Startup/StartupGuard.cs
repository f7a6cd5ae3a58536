namespace AligNet.Data.Startup;

/// <summary>
/// Wraps a host's entry point: a <see cref="StartupException"/> prints its message alone to stderr and ends
/// the process with <see cref="StartupException.ExitCode"/> — an operator sees the fix, never a stack trace.
/// </summary>
public static class StartupGuard
{
    public static async Task<int> RunAsync(string hostName, Func<Task<int>> run)
    {
        try
        {
            return await run();
        }
        catch (StartupException ex)
        {
            await Console.Error.WriteLineAsync($"{hostName} cannot start: {ex.Message}");
            return StartupException.ExitCode;
        }
    }
}
