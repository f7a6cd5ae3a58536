namespace AligNet.Data.Imports;

/// <summary>One thing wrong with an import: where (manifest line, file) and why.</summary>
public sealed record ImportProblem(int? Line, string? Item, string Message)
{
    public override string ToString() =>
        (Line is { } l ? $"line {l}: " : "") + (Item is { Length: > 0 } i ? $"{i}: " : "") + Message;
}

/// <summary>
/// An import refused as a whole: every problem found is listed (not only the first), and nothing was imported.
/// </summary>
public sealed class ImportValidationException(string source, IReadOnlyList<ImportProblem> problems)
    : Exception($"{source}: {problems.Count} problem(s), nothing imported:\n" + string.Join('\n', problems.Select(p => "  " + p)))
{
    public string ImportSource { get; } = source;
    public IReadOnlyList<ImportProblem> Problems { get; } = problems;
}
