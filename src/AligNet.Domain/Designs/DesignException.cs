namespace AligNet.Domain.Designs;

/// <summary>
/// A study's design cannot be planned as configured (too few stimuli, catch trials without categories, …).
/// The message names the fix; <see cref="DesignCheck.Validate"/> reports the same problems before a study opens.
/// </summary>
public sealed class DesignException(string message) : Exception(message);
