using static TorchSharp.torch;

namespace AligNet.Ml.Students;

/// <summary>
/// The student's loss (METHOD.md §4). Triplet rows are stored odd one out last (<see cref="Generation.ShardRows"/>):
/// the three entries of p and q are ordered [ij, ik, jk], i.e. [P(k odd), P(j odd), P(i odd)].
/// </summary>
public static class StudentObjective
{
    /// <summary>[d_ij, d_ik, d_jk] / τ_s for rows of outputs zi, zj, zk (N × d each): the logits of q.</summary>
    public static Tensor Logits(Tensor zi, Tensor zj, Tensor zk, double temperature) =>
        stack([(zi * zj).sum(1), (zi * zk).sum(1), (zj * zk).sum(1)], 1) / temperature;

    /// <summary>Mean over rows of KL(p ‖ q) = Σ p·(ln p − ln q), with 0·ln 0 = 0.</summary>
    public static Tensor Kl(Tensor p, Tensor logits)
    {
        var logQ = nn.functional.log_softmax(logits, 1);
        return (xlogy(p, p) - p * logQ).sum(1).mean();
    }

    /// <summary>Mean over rows of JSD(p, q) = ½ KL(p ‖ m) + ½ KL(q ‖ m), m = (p + q)/2; natural log, so at most ln 2.</summary>
    public static Tensor Jsd(Tensor p, Tensor logits)
    {
        var logQ = nn.functional.log_softmax(logits, 1);
        var q = logQ.exp();
        // m ≥ 1e-30: where p and q are both exactly 0 (a saturated softmax in float32, e.g. τ_s far below the dot
        // products' scale) ln m would be −∞ and 0 · −∞ NaN; both terms are 0 there, and elsewhere m is far above it.
        var logM = ((p + q) / 2).clamp_min(1e-30).log();
        var toP = (xlogy(p, p) - p * logM).sum(1);
        var toQ = (q * (logQ - logM)).sum(1);
        return ((toP + toQ) / 2).mean();
    }

    public static Tensor Loss(StudentObjectiveKind kind, Tensor p, Tensor logits) =>
        kind == StudentObjectiveKind.Kl ? Kl(p, logits) : Jsd(p, logits);
}
