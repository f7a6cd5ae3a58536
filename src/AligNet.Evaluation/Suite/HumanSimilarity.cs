using AligNet.Evaluation.Embeddings;
using AligNet.Evaluation.Triplets;

namespace AligNet.Evaluation.Suite;

/// <summary>
/// A human similarity matrix over the items for RSA: estimated from triplets (how often a pair was kept together as
/// the most similar pair, out of the responses that showed both), or imported as an n × n matrix. NaN = not defined.
/// </summary>
public sealed class HumanSimilarity
{
    private HumanSimilarity(int items, double[] values, string source) => (Items, Values, Source) = (items, values, source);

    public int Items { get; }
    /// <summary>Row-major n × n; only the upper triangle (i &lt; j) is used.</summary>
    public double[] Values { get; }
    public string Source { get; }

    public double this[int i, int j] => Values[i * Items + j];

    public static HumanSimilarity FromTriplets(IReadOnlyList<TripletResponse> responses, int items)
    {
        var together = new double[(long)items * items];
        var shown = new double[(long)items * items];
        foreach (var r in responses)
        {
            together[Upper(r.I, r.J, items)]++;
            shown[Upper(r.I, r.J, items)]++;
            shown[Upper(r.I, r.K, items)]++;
            shown[Upper(r.J, r.K, items)]++;
        }
        for (var at = 0; at < together.Length; at++) together[at] = shown[at] == 0 ? double.NaN : together[at] / shown[at];
        return new HumanSimilarity(items, together, "triplets");
    }

    /// <summary>An imported n × n similarity matrix; it must cover exactly the embedding rows.</summary>
    public static HumanSimilarity FromMatrix(EmbeddingMatrix matrix, int items, string name)
    {
        if (matrix.Rows != items || matrix.Columns != items)
        {
            throw new DataFormatException(name, null, $"a {matrix.Rows} × {matrix.Columns} matrix; the human similarity matrix must be {items} × {items}, one row and column per embedding row.");
        }
        return new HumanSimilarity(items, matrix.Values, "imported");
    }

    private static long Upper(int a, int b, int items) => a < b ? (long)a * items + b : (long)b * items + a;
}
