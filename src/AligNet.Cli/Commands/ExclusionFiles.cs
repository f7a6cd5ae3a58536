using AligNet.Evaluation;

namespace AligNet.Cli.Commands;

/// <summary>The exclusion lists of <c>alignet generate</c>: pool rows, and item sets given by their first three columns.</summary>
internal static class ExclusionFiles
{
    public static int[] Items(FileInfo file) =>
        [.. Lines(file).Select(l => ParseRow(file, l.Number, l.Fields[0]))];

    public static IEnumerable<(int, int, int)> ItemSets(FileInfo file)
    {
        foreach (var (number, fields) in Lines(file))
        {
            if (fields.Length < 3) throw new DataFormatException(file.FullName, number, "an item set needs three 0-based pool rows (i j k …).");
            yield return (ParseRow(file, number, fields[0]), ParseRow(file, number, fields[1]), ParseRow(file, number, fields[2]));
        }
    }

    private static IEnumerable<(int Number, string[] Fields)> Lines(FileInfo file)
    {
        if (!file.Exists) throw new DataFormatException(file.FullName, null, "file not found.");
        var number = 0;
        foreach (var line in File.ReadLines(file.FullName))
        {
            number++;
            var fields = line.Split([' ', '\t', ','], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 0) yield return (number, fields);
        }
    }

    private static int ParseRow(FileInfo file, int line, string text) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var row)
            ? row
            : throw new DataFormatException(file.FullName, line, $"'{text}' is not a 0-based pool row.");
}
