namespace AligNet.Evaluation.Embeddings;

/// <summary>
/// An n × p matrix of embeddings, row-major, one row per stimulus. Kept in double precision: human embeddings
/// (SPoSE) are float64, and ties in dot products must be judged as the published figures judged them.
/// </summary>
public sealed class EmbeddingMatrix
{
    public EmbeddingMatrix(int rows, int columns, double[] values)
    {
        if (rows <= 0 || columns <= 0) throw new ArgumentException($"An embedding matrix needs at least one row and one column, not {rows} × {columns}.");
        if (values.Length != (long)rows * columns) throw new ArgumentException($"{values.Length} values do not fill {rows} × {columns}.");
        Rows = rows;
        Columns = columns;
        Values = values;
    }

    public int Rows { get; }
    public int Columns { get; }
    public double[] Values { get; }

    public ReadOnlySpan<double> Row(int index) => Values.AsSpan(index * Columns, Columns);

    /// <summary>The first row/column that is NaN or infinite, or null when every value is finite.</summary>
    public (int Row, int Column)? FirstNonFinite()
    {
        var at = Array.FindIndex(Values, v => !double.IsFinite(v));
        return at < 0 ? null : (at / Columns, at % Columns);
    }

    /// <summary>A copy with every row scaled to unit length (zero rows stay zero), for cosine similarity.</summary>
    public EmbeddingMatrix Normalized()
    {
        var result = (double[])Values.Clone();
        for (var r = 0; r < Rows; r++)
        {
            var row = result.AsSpan(r * Columns, Columns);
            var norm = Math.Sqrt(System.Numerics.Tensors.TensorPrimitives.Dot<double>(row, row));
            if (norm > 0) System.Numerics.Tensors.TensorPrimitives.Divide(row, norm, row);
        }
        return new EmbeddingMatrix(Rows, Columns, result);
    }

    /// <summary>The rows in a new order: row t of the result is row <paramref name="order"/>[t] of this matrix.</summary>
    public EmbeddingMatrix Reordered(IReadOnlyList<int> order)
    {
        var result = new double[order.Count * Columns];
        for (var t = 0; t < order.Count; t++) Row(order[t]).CopyTo(result.AsSpan(t * Columns, Columns));
        return new EmbeddingMatrix(order.Count, Columns, result);
    }
}
