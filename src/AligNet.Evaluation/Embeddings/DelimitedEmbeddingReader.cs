using System.Globalization;
using nietras.SeparatedValues;

namespace AligNet.Evaluation.Embeddings;

/// <summary>
/// Reads embeddings from CSV (comma) or TSV (tab): one row per stimulus, one number per column, no header
/// (a first line that is not numeric is taken as a header and skipped). Every row must have the same width.
/// </summary>
public static class DelimitedEmbeddingReader
{
    public static EmbeddingMatrix Read(string path)
    {
        if (!File.Exists(path)) throw new DataFormatException(path, null, "file not found.");
        var separator = path.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase) ? '\t' : ',';
        using var reader = Sep.New(separator).Reader(o => o with { HasHeader = false, DisableColCountCheck = true }).FromFile(path);

        var values = new List<double>();
        int? columns = null;
        var rows = 0;
        foreach (var row in reader)
        {
            var line = row.LineNumberFrom;
            if (row.ColCount == 1 && row[0].Span.IsWhiteSpace()) continue;
            if (rows == 0 && columns is null && !double.TryParse(row[0].Span, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                columns = row.ColCount; // header line
                continue;
            }
            columns ??= row.ColCount;
            if (row.ColCount != columns) throw new DataFormatException(path, line, $"{row.ColCount} values where the first row has {columns}.");
            for (var c = 0; c < row.ColCount; c++)
            {
                if (!double.TryParse(row[c].Span, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    throw new DataFormatException(path, line, $"column {c + 1} ('{row[c].ToString()}') is not a number.");
                }
                values.Add(value);
            }
            rows++;
        }
        if (rows == 0) throw new DataFormatException(path, null, "the file holds no embedding rows.");
        return new EmbeddingMatrix(rows, columns!.Value, [.. values]);
    }
}
