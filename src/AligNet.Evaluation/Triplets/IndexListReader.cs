using System.Globalization;

namespace AligNet.Evaluation.Triplets;

/// <summary>Reads a list of integers, one per line (a reorder list such as THINGS' sortindex.txt).</summary>
public static class IndexListReader
{
    public static IReadOnlyList<int> Read(string path)
    {
        if (!File.Exists(path)) throw new DataFormatException(path, null, "file not found.");
        var result = new List<int>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            if (!int.TryParse(line.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                throw new DataFormatException(path, lineNumber, $"'{line.Trim()}' is not an integer.");
            }
            result.Add(value);
        }
        if (result.Count == 0) throw new DataFormatException(path, null, "the list is empty.");
        return result;
    }
}
