using AligNet.Evaluation.Embeddings;
using AligNet.Evaluation.Metrics;
using TorchSharp;
using static TorchSharp.torch;

namespace AligNet.Ml.Teacher;

/// <summary>
/// A fitted teacher: z = ((x − μ) / σ)·W + b with scalar μ, σ, then softmax(S / T) over dot products of z.
/// W is p × p row-major (input dimension by output dimension). Bound to the embeddings it was trained on.
/// </summary>
public sealed record TeacherModel(int Dimensions, double[] Weight, double[] Bias, double Mean, double Deviation, double Temperature, EmbeddingFingerprint Embeddings)
{
    public EmbeddingMatrix Transform(EmbeddingMatrix x)
    {
        if (x.Columns != Dimensions) throw new ArgumentException($"The embeddings have {x.Columns} dimensions; this teacher transforms {Dimensions}.", nameof(x));
        using var scope = NewDisposeScope();
        var rows = tensor(x.Values, [x.Rows, x.Columns], float64);
        var z = ((rows - Mean) / Deviation).matmul(tensor(Weight, [Dimensions, Dimensions], float64)) + tensor(Bias, float64);
        return new EmbeddingMatrix(x.Rows, Dimensions, z.data<double>().ToArray());
    }

    /// <summary>The calibrated odd-one-out model over the transformed embeddings (dot similarity, temperature T).</summary>
    public OddOneOutModel OddOneOut(EmbeddingMatrix x, bool calibrated = true) =>
        new(Transform(x), SimilarityKind.Dot, calibrated ? Temperature : 1.0);
}
