using TorchSharp;
using static TorchSharp.torch;

namespace AligNet.Ml.Teacher;

/// <summary>
/// The teacher's loss (METHOD.md §2, gLocal form): L = (1 − α)·L_human + α·L_local + λ·‖W − mean(diag W)·I‖²_F.
/// Triplet convention: for an item set (a, b, c) the similarities are ordered [S_ab, S_ac, S_bc], i.e. the model's
/// distribution is [P(c odd), P(b odd), P(a odd)] — the odd one out is the item outside the pair, as in
/// <see cref="AligNet.Evaluation.Metrics.OddOneOutModel"/>.
/// </summary>
public static class TeacherObjective
{
    /// <summary>
    /// Mean over item sets of the cross-entropy between the human distribution (N × 3, in the order above) and
    /// softmax([S_ab, S_ac, S_bc]) at T = 1, with S the dot product of the transformed rows.
    /// </summary>
    public static Tensor HumanLoss(Tensor zA, Tensor zB, Tensor zC, Tensor target)
    {
        var similarities = stack([(zA * zB).sum(1), (zA * zC).sum(1), (zB * zC).sum(1)], 1);
        return -(target * nn.functional.log_softmax(similarities, 1)).sum(1).mean();
    }

    /// <summary>
    /// Keeps the base model's local structure: row-wise softmax (temperature τ) of the off-diagonal cosine
    /// similarities of a batch under the base and the transformed representation; the mean over rows of the
    /// cross-entropy of the transformed rows against the base rows.
    /// </summary>
    public static Tensor LocalLoss(Tensor baseRows, Tensor transformedRows, double tau)
    {
        Tensor baseCosines;
        using (no_grad()) baseCosines = Cosines(baseRows);
        return LocalLossFromBaseCosines(baseCosines, transformedRows, tau);
    }

    /// <summary>
    /// <see cref="LocalLoss"/> given the base rows' cosine matrix (B × B) instead of the rows: the base side never
    /// changes during training, so the trainer may compute all of its cosines once and gather each batch's block.
    /// </summary>
    public static Tensor LocalLossFromBaseCosines(Tensor baseCosines, Tensor transformedRows, double tau)
    {
        Tensor target;
        using (no_grad()) target = nn.functional.softmax(OffDiagonal(baseCosines) / tau, 1);
        var logQ = nn.functional.log_softmax(OffDiagonal(Cosines(transformedRows)) / tau, 1);
        return -(target * logQ).sum(1).mean();
    }

    /// <summary>‖W − mean(diag W)·I‖²_F: pulls W toward a scaled identity without fixing the scale.</summary>
    public static Tensor Penalty(Tensor w)
    {
        var identity = eye(w.shape[0], dtype: w.dtype, device: w.device);
        return (w - w.diagonal().mean() * identity).square().sum();
    }

    public static Tensor Total(Tensor human, Tensor local, Tensor penalty, double alpha, double lambda) =>
        (1 - alpha) * human + alpha * local + lambda * penalty;

    internal static Tensor Cosines(Tensor rows)
    {
        var unit = nn.functional.normalize(rows, p: 2, dim: 1);
        return unit.matmul(unit.t());
    }

    /// <summary>B × B → B × (B − 1) without the diagonal: dropping the first element of the flattened matrix
    /// leaves (B − 1) rows of B + 1 whose last element is the next diagonal entry.</summary>
    private static Tensor OffDiagonal(Tensor square)
    {
        var b = square.shape[0];
        return square.flatten().narrow(0, 1, b * b - 1).view(b - 1, b + 1).narrow(1, 0, b).reshape(b, b - 1);
    }
}
