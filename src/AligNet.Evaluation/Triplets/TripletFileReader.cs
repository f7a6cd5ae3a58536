using System.Globalization;

namespace AligNet.Evaluation.Triplets;

/// <summary>
/// Reads a human triplet file into odd-last responses, checking every line: column count (the same on every line,
/// so mixed formats are caught), integer indices, distinct items, choices in 1–3 and indices within the embedding.
/// Nothing is returned unless the whole file is valid.
/// </summary>
public static class TripletFileReader
{
    public static IReadOnlyList<TripletResponse> Read(string path, TripletFormat format, int itemCount, IReadOnlyList<int>? reorder = null)
    {
        if (!File.Exists(path)) throw new DataFormatException(path, null, "file not found.");
        using var reader = new StreamReader(path);
        return Read(reader, path, format, itemCount, reorder);
    }

    /// <param name="reorder">
    /// Entry t is the file's index of embedding row t (THINGS' sortindex.txt). File indices are mapped back to rows.
    /// </param>
    public static IReadOnlyList<TripletResponse> Read(TextReader reader, string name, TripletFormat format, int itemCount, IReadOnlyList<int>? reorder = null)
    {
        var toRow = reorder is null ? null : InvertReorder(reorder, name);
        var responses = new List<TripletResponse>();
        int? columns = null;
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line) || line.StartsWith('#')) continue;
            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            columns ??= fields.Length;
            if (fields.Length != columns)
            {
                throw new DataFormatException(name, lineNumber, $"{fields.Length} columns where earlier lines have {columns}; a file must use one format throughout.");
            }
            responses.Add(ParseLine(fields, format, name, lineNumber, itemCount, toRow));
        }
        if (responses.Count == 0) throw new DataFormatException(name, null, "the file holds no triplets.");
        return responses;
    }

    private static TripletResponse ParseLine(string[] f, TripletFormat format, string name, int line, int itemCount, int[]? toRow)
    {
        // An optional reaction time (ms) may follow the subject: one column more than the subject form.
        var (min, max) = format == TripletFormat.OddLast ? (3, 4) : (4, 5);
        if (f.Length < min || f.Length > max + 1)
        {
            var expected = format == TripletFormat.OddLast ? "'i j k [subject [rt_ms]]'" : "'i j k choice [subject [rt_ms]]'";
            throw new DataFormatException(name, line, $"{f.Length} columns; the {format.Name()} format has {expected}.");
        }
        var offset = format == TripletFormat.Choice ? 1 : 0; // choice files are 1-based
        var items = new int[3];
        for (var c = 0; c < 3; c++)
        {
            if (!int.TryParse(f[c], NumberStyles.Integer, CultureInfo.InvariantCulture, out var raw))
            {
                throw new DataFormatException(name, line, $"column {c + 1} ('{f[c]}') is not an integer index.");
            }
            items[c] = Map(raw - offset, toRow, name, line, itemCount, format);
        }
        if (items[0] == items[1] || items[0] == items[2] || items[1] == items[2])
        {
            throw new DataFormatException(name, line, "the triplet repeats an item; a triplet needs three distinct items.");
        }
        var subject = f.Length >= max ? f[max - 1] : null;
        double? rt = null;
        if (f.Length == max + 1)
        {
            if (!double.TryParse(f[max], NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) || !(ms > 0) || !double.IsFinite(ms))
            {
                throw new DataFormatException(name, line, $"reaction time '{f[max]}' is not a positive number of milliseconds.");
            }
            rt = ms;
        }
        if (format == TripletFormat.OddLast) return new TripletResponse(items[0], items[1], items[2], subject) { RtMs = rt };

        if (!int.TryParse(f[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var choice) || choice is < 1 or > 3)
        {
            throw new DataFormatException(name, line, $"choice '{f[3]}' is not 1, 2 or 3 (the position of the odd one out).");
        }
        return choice switch
        {
            1 => new TripletResponse(items[1], items[2], items[0], subject) { RtMs = rt },
            2 => new TripletResponse(items[0], items[2], items[1], subject) { RtMs = rt },
            _ => new TripletResponse(items[0], items[1], items[2], subject) { RtMs = rt },
        };
    }

    private static int Map(int index, int[]? toRow, string name, int line, int itemCount, TripletFormat format)
    {
        var limit = toRow?.Length ?? itemCount;
        if (index < 0 || index >= limit)
        {
            var shown = format == TripletFormat.Choice ? index + 1 : index;
            var range = format == TripletFormat.Choice ? $"1–{limit}" : $"0–{limit - 1}";
            throw new DataFormatException(name, line, $"index {shown} is out of range ({range} for {limit} items).");
        }
        var row = toRow is null ? index : toRow[index];
        if (row < 0 || row >= itemCount) throw new DataFormatException(name, line, $"index {index} maps to no embedding row.");
        return row;
    }

    /// <summary>reorder[t] = file index of row t  →  toRow[file index] = t.</summary>
    private static int[] InvertReorder(IReadOnlyList<int> reorder, string name)
    {
        var toRow = Enumerable.Repeat(-1, reorder.Count).ToArray();
        for (var t = 0; t < reorder.Count; t++)
        {
            var fileIndex = reorder[t];
            if (fileIndex < 0 || fileIndex >= reorder.Count || toRow[fileIndex] != -1)
            {
                throw new DataFormatException(name, null, $"the reorder list is not a permutation of 0–{reorder.Count - 1} (entry {t} is {fileIndex}).");
            }
            toRow[fileIndex] = t;
        }
        return toRow;
    }
}
