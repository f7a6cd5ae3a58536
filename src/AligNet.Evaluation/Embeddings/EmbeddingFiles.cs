namespace AligNet.Evaluation.Embeddings;

/// <summary>Opens an embedding file by its extension and rejects values a model cannot use.</summary>
public static class EmbeddingFiles
{
    public static EmbeddingMatrix Read(string path)
    {
        var matrix = Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".npy" => NpyReader.Read(path),
            ".csv" or ".tsv" => DelimitedEmbeddingReader.Read(path),
            var other => throw new DataFormatException(path, null, $"unsupported embedding file type '{other}': use .npy, .csv or .tsv."),
        };
        if (matrix.FirstNonFinite() is { } at)
        {
            throw new DataFormatException(path, null, $"row {at.Row}, column {at.Column} is NaN or infinite; embeddings must be finite numbers.");
        }
        return matrix;
    }
}
