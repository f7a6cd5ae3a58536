namespace AligNet.Evaluation.Levels;

/// <summary>
/// Reads a category matrix like THINGS' <c>category_mat_manual.tsv</c>: a tab-separated header of category names,
/// then one row of 0/1 per item in embedding-row order (multi-label; a row of zeros is uncategorised).
/// The whole file is checked before anything is returned.
/// </summary>
public static class CategoryMatrixReader
{
    public static ItemCategories Read(string path, int itemCount)
    {
        if (!File.Exists(path)) throw new DataFormatException(path, null, "file not found.");
        using var reader = new StreamReader(path);
        return Read(reader, path, itemCount);
    }

    public static ItemCategories Read(TextReader reader, string name, int itemCount)
    {
        var header = reader.ReadLine();
        if (string.IsNullOrWhiteSpace(header)) throw new DataFormatException(name, 1, "the header row of category names is missing.");
        var names = header.TrimEnd('\r').Split('\t').Select(n => n.Trim()).ToArray();
        if (names.Any(n => n.Length == 0)) throw new DataFormatException(name, 1, "a category name in the header is empty.");
        if (names.All(IsBinary))
        {
            throw new DataFormatException(name, 1, "the first row holds 0/1 values, not category names: add a header row of category names.");
        }

        var rows = new List<int[]>();
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var cells = line.TrimEnd('\r').Split('\t');
            if (cells.Length != names.Length)
            {
                throw new DataFormatException(name, lineNumber, $"{cells.Length} values where the header names {names.Length} categories; every row needs one 0 or 1 per category.");
            }
            var member = new List<int>();
            for (var c = 0; c < cells.Length; c++)
            {
                switch (cells[c].Trim())
                {
                    case "1": member.Add(c); break;
                    case "0": break;
                    default:
                        throw new DataFormatException(name, lineNumber, $"category '{names[c]}' holds '{cells[c].Trim()}'; a category matrix holds only 0 or 1.");
                }
            }
            rows.Add([.. member]);
        }
        if (rows.Count != itemCount)
        {
            throw new DataFormatException(name, null,
                $"{rows.Count} item rows, but the embeddings have {itemCount} rows: the categories file needs one row per embedding row, in the same order.");
        }
        return new ItemCategories(names, [.. rows]);
    }

    private static bool IsBinary(string cell) => cell is "0" or "1";
}
