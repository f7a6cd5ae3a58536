using nietras.SeparatedValues;

namespace AligNet.Data.Imports;

/// <summary>
/// The stimulus manifest: CSV with a header naming the columns <c>file</c>, <c>label</c> and optionally
/// <c>category</c> (a path from coarse to fine, separated by '/', e.g. <c>animals/birds</c>).
/// </summary>
public static class ManifestReader
{
    public const string DefaultName = "manifest.csv";

    public sealed record Row(int Line, string File, string Label, string[] CategoryPath);

    public static IReadOnlyList<Row> Read(string text, List<ImportProblem> problems)
    {
        using var reader = Sep.Reader(o => o with { Unescape = true, DisableColCountCheck = true, Trim = SepTrim.All }).FromText(text);
        var header = reader.Header.ColNames.Select(n => n.Trim().ToLowerInvariant()).ToList();
        int file = header.IndexOf("file"), label = header.IndexOf("label"), category = header.IndexOf("category");
        if (file < 0 || label < 0)
        {
            problems.Add(new ImportProblem(1, null, $"the manifest header must name the columns 'file' and 'label' (optionally 'category'); it has: {string.Join(", ", header)}."));
            return [];
        }

        var rows = new List<Row>();
        foreach (var row in reader)
        {
            var line = row.LineNumberFrom;
            if (row.ColCount == 1 && row[0].Span.IsWhiteSpace()) continue;
            if (row.ColCount <= Math.Max(file, label))
            {
                problems.Add(new ImportProblem(line, null, $"{row.ColCount} column(s); the header has {header.Count}."));
                continue;
            }
            var name = row[file].ToString();
            var labelText = row[label].ToString();
            var path = category >= 0 && row.ColCount > category
                ? row[category].ToString().Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : [];
            if (name.Length == 0) problems.Add(new ImportProblem(line, null, "the file column is empty."));
            else if (!StimulusSource.IsSafeName(name)) problems.Add(new ImportProblem(line, name, "the file name leaves the source folder (absolute path or '..'); refused."));
            if (labelText.Length == 0) problems.Add(new ImportProblem(line, name, "the label column is empty."));
            else if (labelText.Length > 200) problems.Add(new ImportProblem(line, name, "the label is longer than 200 characters."));
            rows.Add(new Row(line, name, labelText, path));
        }
        if (rows.Count == 0 && problems.Count == 0) problems.Add(new ImportProblem(null, null, "the manifest lists no stimuli."));
        return rows;
    }
}
