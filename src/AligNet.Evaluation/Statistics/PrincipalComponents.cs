namespace AligNet.Evaluation.Statistics;

/// <summary>
/// The first two principal components of a set of vectors, for 2-D maps of stimuli: the rows are centred and
/// projected onto the top eigenvectors of their covariance, found by power iteration on Xᵀ(X v) (the covariance is
/// never formed, so d = 512 features of a few thousand stimuli take milliseconds) with deflation for the second.
/// Signs are fixed so that each component's largest-magnitude coordinate is positive (a map does not flip between
/// runs).
/// </summary>
public static class PrincipalComponents
{
    /// <returns>Per row its (first, second) coordinate; all zero when the rows do not vary.</returns>
    public static (double X, double Y)[] Project2(IReadOnlyList<float[]> rows, int iterations = 200)
    {
        if (rows.Count == 0) return [];
        var d = rows[0].Length;
        var mean = new double[d];
        foreach (var r in rows) for (var j = 0; j < d; j++) mean[j] += r[j] / (double)rows.Count;
        var centred = rows.Select(r => r.Select((v, j) => v - mean[j]).ToArray()).ToArray();
        var first = TopDirection(centred, null, iterations);
        var second = TopDirection(centred, first, iterations);
        return [.. centred.Select(r => (Dot(r, first), Dot(r, second)))];
    }

    private static double[] TopDirection(double[][] x, double[]? orthogonalTo, int iterations)
    {
        var d = x[0].Length;
        // A fixed, non-degenerate start: every coordinate nonzero and distinct, so the result is reproducible.
        var v = Enumerable.Range(0, d).Select(j => 1.0 + j * 1e-3).ToArray();
        for (var it = 0; it < iterations; it++)
        {
            if (orthogonalTo is not null) Remove(v, orthogonalTo);
            var next = new double[d];
            foreach (var row in x)
            {
                var p = Dot(row, v);
                for (var j = 0; j < d; j++) next[j] += p * row[j];
            }
            if (orthogonalTo is not null) Remove(next, orthogonalTo);
            var norm = Math.Sqrt(Dot(next, next));
            if (norm < 1e-300) return new double[d];
            for (var j = 0; j < d; j++) v[j] = next[j] / norm;
        }
        var largest = v.MaxBy(Math.Abs);
        if (largest < 0) for (var j = 0; j < d; j++) v[j] = -v[j];
        return v;
    }

    private static void Remove(double[] v, double[] direction)
    {
        var p = Dot(v, direction);
        for (var j = 0; j < v.Length; j++) v[j] -= p * direction[j];
    }

    private static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (var j = 0; j < a.Length; j++) s += a[j] * b[j];
        return s;
    }
}
