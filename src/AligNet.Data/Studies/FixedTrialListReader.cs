using AligNet.Data.Imports;
using nietras.SeparatedValues;

namespace AligNet.Data.Studies;

/// <summary>
/// Reads per-participant trial lists in the Levels format (<c>id,image1,image2,image3,trial,triplet_class</c>, one
/// row per trial; optional <c>catch</c> column, true/1). Rows are grouped by <c>id</c> into lists numbered 0, 1, …
/// in order of first appearance, across all files; images are matched to stimuli by file name.
/// </summary>
public static class FixedTrialListReader
{
    public static readonly string[] RequiredColumns = ["id", "image1", "image2", "image3", "trial"];

    /// <summary>One read row; stimuli already resolved.</summary>
    public sealed record Row(string ListId, int Order, Guid S0, Guid S1, Guid S2, string? Condition, bool IsCatch);

    /// <summary>One source of rows: a display name (for problems) and its text.</summary>
    public sealed record Source(string Name, TextReader Text);

    public static List<Row> Read(IReadOnlyList<Source> sources, StimulusNames names, List<ImportProblem> problems)
    {
        var rows = new List<Row>();
        var seen = new Dictionary<(string List, int Order), (string File, int Line)>();
        foreach (var source in sources)
        {
            var where = sources.Count > 1 ? source.Name : null;
            using var reader = Sep.Reader(o => o with { Unescape = true, DisableColCountCheck = true, Trim = SepTrim.All }).From(source.Text);
            var header = reader.Header.ColNames.Select(n => n.Trim().ToLowerInvariant()).ToList();
            var missing = RequiredColumns.Where(c => !header.Contains(c)).ToList();
            if (missing.Count > 0)
            {
                problems.Add(new(1, where, $"the header lacks the column(s) {string.Join(", ", missing)}; it needs id,image1,image2,image3,trial (optionally triplet_class, catch) and has: {string.Join(",", header)}."));
                continue;
            }
            int id = header.IndexOf("id"), trial = header.IndexOf("trial"), condition = header.IndexOf("triplet_class"), isCatch = header.IndexOf("catch");
            int[] images = [header.IndexOf("image1"), header.IndexOf("image2"), header.IndexOf("image3")];
            foreach (var row in reader)
            {
                var line = row.LineNumberFrom;
                if (row.ColCount == 1 && row[0].Span.IsWhiteSpace()) continue;
                if (row.ColCount <= RequiredColumns.Max(c => header.IndexOf(c)))
                {
                    problems.Add(new(line, where, $"{row.ColCount} column(s); the header has {header.Count}."));
                    continue;
                }
                var cells = new string[row.ColCount];
                for (var c = 0; c < cells.Length; c++) cells[c] = row[c].ToString();
                string Cell(int column) => column >= 0 && column < cells.Length ? cells[column] : "";
                var before = problems.Count;
                var listId = Cell(id);
                if (listId.Length == 0) problems.Add(new(line, where, "the id column (the list's participant) is empty."));
                if (!int.TryParse(Cell(trial), out var order) || order < 0) problems.Add(new(line, where, $"trial '{Cell(trial)}' is not a whole number ≥ 0."));
                var stimuli = new Guid[3];
                for (var k = 0; k < 3; k++)
                {
                    var reference = Cell(images[k]);
                    switch (names.Find(reference, out stimuli[k]))
                    {
                        case StimulusNames.Match.None:
                            problems.Add(new(line, where, $"image{k + 1} '{reference}' matches no stimulus of the study's set (by file name or label)."));
                            break;
                        case StimulusNames.Match.Ambiguous:
                            problems.Add(new(line, where, $"image{k + 1} '{reference}' matches several stimuli of the study's set; give them distinct file names."));
                            break;
                    }
                }
                if (problems.Count == before && (stimuli[0] == stimuli[1] || stimuli[0] == stimuli[2] || stimuli[1] == stimuli[2]))
                {
                    problems.Add(new(line, where, "the triplet shows the same image twice; a triplet needs three different images."));
                }
                var conditionText = Cell(condition);
                if (conditionText.Length > 64) problems.Add(new(line, where, "triplet_class is longer than 64 characters."));
                var catchText = Cell(isCatch).ToLowerInvariant();
                if (catchText is not ("" or "true" or "false" or "1" or "0")) problems.Add(new(line, where, $"catch '{catchText}' is not true/false/1/0."));
                if (problems.Count > before) continue;
                if (!seen.TryAdd((listId, order), (source.Name, line)))
                {
                    var first = seen[(listId, order)];
                    problems.Add(new(line, where, $"list '{listId}' has trial {order} twice (first on line {first.Line}{(first.File != source.Name ? " of " + first.File : "")})."));
                    continue;
                }
                rows.Add(new Row(listId, order, stimuli[0], stimuli[1], stimuli[2], conditionText.Length == 0 ? null : conditionText, catchText is "true" or "1"));
            }
        }
        if (rows.Count == 0 && problems.Count == 0) problems.Add(new(null, null, "the file(s) hold no trials."));
        return rows;
    }
}
