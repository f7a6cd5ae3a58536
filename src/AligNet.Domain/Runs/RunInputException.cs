namespace AligNet.Domain.Runs;

/// <summary>
/// A failure that another attempt cannot heal: bad parameters, missing inputs, validation. The run ends Failed with
/// this message and Hangfire does not retry it (contracts list it in <c>AutomaticRetry.ExceptOn</c>).
/// </summary>
public sealed class RunInputException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>A run refused before it was queued (a clash with a queued or running run, a missing input); the message names the fix.</summary>
public sealed class RunRefusedException(string message, Exception? inner = null) : Exception(message, inner);
