namespace AligNet.Domain.Designs;

public enum DesignProblemSeverity
{
    /// <summary>The study runs, but not quite as configured (e.g. practice trials without feedback).</summary>
    Warning,
    /// <summary>Sessions cannot be planned: <see cref="SessionPlanner.Plan"/> would throw <see cref="DesignException"/>.</summary>
    Error,
}

/// <summary>One thing wrong with a study's design, in words a researcher can act on.</summary>
public sealed record DesignProblem(DesignProblemSeverity Severity, string Message)
{
    public static DesignProblem Error(string message) => new(DesignProblemSeverity.Error, message);
    public static DesignProblem Warning(string message) => new(DesignProblemSeverity.Warning, message);
}
