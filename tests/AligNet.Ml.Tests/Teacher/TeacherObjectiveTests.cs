using AligNet.Ml.Teacher;
using static TorchSharp.torch;

namespace AligNet.Ml.Tests.Teacher;

/// <summary>The loss terms on hand-made inputs; expected values are worked out by hand in the comments.</summary>
public class TeacherObjectiveTests
{
    private static Tensor Rows(params float[][] rows) => tensor(rows.SelectMany(r => r).ToArray(), [rows.Length, rows[0].Length]);

    [Fact]
    public void Human_loss_is_the_cross_entropy_of_the_softmax_over_the_three_pair_similarities()
    {
        // a = (1,0), b = (1,0), c = (0,1): [S_ab, S_ac, S_bc] = [1, 0, 0];
        // softmax = [e/(e+2), 1/(e+2), 1/(e+2)] = [0.576117, 0.211942, 0.211942].
        var (a, b, c) = (Rows([1, 0]), Rows([1, 0]), Rows([0, 1]));

        // One response "c is odd" (the pair ab kept): −ln 0.576117 = 0.551445.
        Assert.Equal(0.551445, TeacherObjective.HumanLoss(a, b, c, Rows([1, 0, 0])).item<float>(), 5);
        // Four responses, 2× c odd, 1× b odd, 1× a odd: 0.5·0.551445 + 0.5·ln(e+2) = 0.275722 + 0.775722 = 1.051445.
        Assert.Equal(1.051445, TeacherObjective.HumanLoss(a, b, c, Rows([0.5f, 0.25f, 0.25f])).item<float>(), 5);
    }

    [Fact]
    public void Penalty_is_the_squared_distance_of_W_from_its_mean_diagonal_times_identity()
    {
        // W = [[1,2],[3,5]], mean diag = 3, W − 3I = [[−2,2],[3,2]]: 4 + 4 + 9 + 4 = 21.
        Assert.Equal(21f, TeacherObjective.Penalty(Rows([1, 2], [3, 5])).item<float>(), 5);
        // A scaled identity costs nothing: the penalty leaves the overall scale free.
        Assert.Equal(0f, TeacherObjective.Penalty(eye(3) * 7f).item<float>(), 6);
    }

    [Fact]
    public void Local_loss_is_the_entropy_of_the_base_rows_when_nothing_changed()
    {
        // a = (1,0), b = (0,1), c = (−1,0): off-diagonal cosines a:[0,−1], b:[0,0], c:[−1,0].
        // Softmax rows: a (0.731059, 0.268941), b (0.5, 0.5), c (0.268941, 0.731059).
        // Entropies 0.582203, 0.693147, 0.582203 → mean 0.619184.
        var x = Rows([1, 0], [0, 1], [-1, 0]);
        Assert.Equal(0.619184, TeacherObjective.LocalLoss(x, x * 3f, tau: 1).item<float>(), 5); // cosines ignore scale
    }

    [Fact]
    public void Local_loss_compares_transformed_rows_with_base_rows()
    {
        // Transformed a' = (1,0), b' = c' = (0,1): cosines a:[0,0], b:[0,1], c:[0,1];
        // softmax a (0.5,0.5), b (0.268941,0.731059), c (0.268941,0.731059).
        // Row a: ln 2 = 0.693147; row b: 0.5·(1.313262 + 0.313262) = 0.813262;
        // row c: 0.268941·1.313262 + 0.731059·0.313262 = 0.582203. Mean 0.696204.
        var x = Rows([1, 0], [0, 1], [-1, 0]);
        var z = Rows([1, 0], [0, 1], [0, 1]);
        Assert.Equal(0.696204, TeacherObjective.LocalLoss(x, z, tau: 1).item<float>(), 5);
        // τ = 2 with nothing changed: row a softmax(0, −0.5) = (0.622459, 0.377541), entropy
        // 0.622459·0.474077 + 0.377541·0.974077 = 0.662847; row b ln 2; row c as a. Mean 0.672947.
        Assert.Equal(0.672947, TeacherObjective.LocalLoss(x, x, tau: 2).item<float>(), 4);
    }

    [Fact]
    public void Total_weighs_the_terms_by_alpha_and_lambda()
    {
        // (1 − 0.1)·1 + 0.1·2 + 0.5·3 = 0.9 + 0.2 + 1.5 = 2.6.
        var total = TeacherObjective.Total(tensor(1f), tensor(2f), tensor(3f), alpha: 0.1, lambda: 0.5);
        Assert.Equal(2.6f, total.item<float>(), 5);
    }

    [Fact]
    public void Local_loss_from_a_block_of_the_pool_cosines_equals_the_loss_from_the_rows_with_the_same_gradient()
    {
        // The trainer's cache (all pool cosines once, each batch gathers its block) against the per-batch computation.
        var generator = new Generator(5);
        var pool = nn.functional.normalize(randn([300, 16], generator: generator), p: 2, dim: 1);
        var batch = tensor(new long[] { 7, 250, 3, 99, 120, 42, 1, 299, 64, 180 });
        var rows = pool.index_select(0, batch);
        var w = (eye(16) + randn([16, 16], generator: generator) * 0.3f).requires_grad_();
        var fromRows = TeacherObjective.LocalLoss(rows, rows.matmul(w), tau: 0.1);
        var gradRows = autograd.grad([fromRows], [w])[0];
        var block = TeacherObjective.Cosines(pool).index_select(0, batch).index_select(1, batch);
        var fromBlock = TeacherObjective.LocalLossFromBaseCosines(block, rows.matmul(w), tau: 0.1);
        var gradBlock = autograd.grad([fromBlock], [w])[0];
        Assert.Equal(fromRows.item<float>(), fromBlock.item<float>(), 5);
        Assert.True((gradRows - gradBlock).abs().max().item<float>() < 1e-5f * Math.Max(1f, gradRows.abs().max().item<float>()));
        Assert.True(gradRows.abs().max().item<float>() > 1e-3f);
    }
}
