namespace AligNet.Evaluation;

/// <summary>
/// Input that cannot be used, with where and why: the file, the line (1-based, when it applies) and the reason.
/// The message is meant for the person who supplied the file.
/// </summary>
public sealed class DataFormatException(string file, int? line, string reason)
    : Exception(line is null ? $"{file}: {reason}" : $"{file}, line {line}: {reason}")
{
    public string File { get; } = file;
    public int? Line { get; } = line;
    public string Reason { get; } = reason;
}
