using AligNet.Ml.Students;
using static TorchSharp.torch;

namespace AligNet.Ml.Tests.Students;

/// <summary>The student's losses and schedule on hand-made inputs; expected values are worked out in the comments.</summary>
public class StudentObjectiveTests
{
    private static Tensor Rows(params float[][] rows) => tensor(rows.SelectMany(r => r).ToArray(), [rows.Length, rows[0].Length]);

    [Fact]
    public void Logits_are_the_three_pair_dot_products_over_the_temperature()
    {
        // zi = (1,1), zj = (2,0), zk = (−1,1): d_ij = 2, d_ik = 0, d_jk = −2; at τ = 2: [1, 0, −1].
        var logits = StudentObjective.Logits(Rows([1, 1]), Rows([2, 0]), Rows([-1, 1]), 2).data<float>().ToArray();
        Assert.Equal([1f, 0f, -1f], logits);
    }

    [Fact]
    public void Kl_and_jsd_match_hand_computed_values()
    {
        // q = softmax(1, 0, −1) = (0.665241, 0.244728, 0.090031); p = (0.7, 0.2, 0.1).
        // KL(p‖q) = 0.7 ln(0.7/0.665241) + 0.2 ln(0.2/0.244728) + 0.1 ln(0.1/0.090031) = 0.035620 − 0.040364 + 0.010503 = 0.005787.
        // m = (0.682620, 0.222364, 0.095015); JSD = ½ KL(p‖m) + ½ KL(q‖m) = 0.001479.
        var (p, logits) = (Rows([0.7f, 0.2f, 0.1f]), Rows([1, 0, -1]));
        Assert.Equal(0.0057874, StudentObjective.Kl(p, logits).item<float>(), 6);
        Assert.Equal(0.0014786, StudentObjective.Jsd(p, logits).item<float>(), 6);
    }

    [Fact]
    public void A_certain_label_against_a_flat_student_gives_ln3_and_the_jsd_of_its_mixture()
    {
        // p = (1, 0, 0), q = (⅓, ⅓, ⅓): KL = ln 3 = 1.098612 (0·ln 0 counts 0).
        // m = (⅔, ⅙, ⅙): KL(p‖m) = ln 1.5 = 0.405465, KL(q‖m) = ⅓ ln ½ + ⅔ ln 2 = 0.231049; JSD = 0.318257.
        // Two rows, the second identical to its label (loss 0): the means halve.
        var p = Rows([1, 0, 0], [0.5f, 0.25f, 0.25f]);
        var logits = Rows([0, 0, 0], [MathF.Log(2), 0, 0]);
        Assert.Equal(1.098612 / 2, StudentObjective.Kl(p, logits).item<float>(), 5);
        Assert.Equal(0.318257 / 2, StudentObjective.Jsd(p, logits).item<float>(), 5);
    }

    [Fact]
    public void Jsd_is_symmetric_and_bounded_by_ln2()
    {
        var p = Rows([1, 0, 0]);
        var far = Rows([-40, 40, 0]); // q ≈ (0, 1, 0): disjoint supports, JSD → ln 2
        Assert.Equal(Math.Log(2), StudentObjective.Jsd(p, far).item<float>(), 4);
    }

    [Fact]
    public void Jsd_stays_finite_with_a_finite_gradient_when_label_and_student_are_both_exactly_zero_somewhere()
    {
        // p = (1, 0, 0) and logits (1000, 0, −1000): q = (1, 0, 0) exactly in float32, so m = 0 at two entries.
        // Equal distributions: JSD = 0 (before the floor on m this was NaN and stopped training as "diverged").
        var p = Rows([1, 0, 0]);
        using var logits = Rows([1000, 0, -1000]).requires_grad_();
        var loss = StudentObjective.Jsd(p, logits);
        loss.backward();
        Assert.Equal(0, loss.item<float>(), 6);
        Assert.All(logits.grad!.data<float>().ToArray(), g => Assert.True(float.IsFinite(g)));
    }

    [Fact]
    public void Schedule_warms_up_linearly_then_follows_a_cosine_to_zero()
    {
        // Peak 1e-3, 10 warm-up steps of 110: step 5 → 5e-4; step 10 → 1e-3; step 60 is half-way down the cosine → 5e-4; step 110 → 0.
        Assert.Equal(5e-4, LearningRateSchedule.At(5, 1e-3, 10, 110), 12);
        Assert.Equal(1e-3, LearningRateSchedule.At(10, 1e-3, 10, 110), 12);
        Assert.Equal(5e-4, LearningRateSchedule.At(60, 1e-3, 10, 110), 12);
        Assert.Equal(0, LearningRateSchedule.At(110, 1e-3, 10, 110), 12);
        // cos(π/4): step 35 is a quarter of the way: 1e-3 · ½(1 + 0.707107) = 8.535534e-4.
        Assert.Equal(8.535534e-4, LearningRateSchedule.At(35, 1e-3, 10, 110), 9);
    }
}
