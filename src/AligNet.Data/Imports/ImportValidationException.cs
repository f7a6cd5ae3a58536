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
    : Exception(Describe(source, problems))
{
    /// <summary>Problems listed in the message; all of them stay in <see cref="Problems"/>.</summary>
    public const int ListedInMessage = 100;

    public string ImportSource { get; } = source;
    public IReadOnlyList<ImportProblem> Problems { get; } = problems;

    private static string Describe(string source, IReadOnlyList<ImportProblem> problems)
    {
        var listed = problems.Take(ListedInMessage).Select(p => "  " + p);
        var more = problems.Count > ListedInMessage ? [$"  … and {problems.Count - ListedInMessage} more"] : Array.Empty<string>();
        return $"{source}: {problems.Count} problem(s), nothing imported:\n" + string.Join('\n', listed.Concat(more));
    }
}
