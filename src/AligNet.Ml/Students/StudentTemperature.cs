using AligNet.Evaluation.Embeddings;

namespace AligNet.Ml.Students;

/// <summary>
/// The calibrated student temperature: the student compares dot products of its outputs, and the base model's
/// fitted temperature (what the teacher run fits on its validation split, the one UnAligNet labels use) is for
/// cosines. Dot products are ‖x‖² times larger on average, so τ_s = T_base · mean ‖x‖² makes the untrained student
/// (a head at the identity, or the unchanged network) the calibrated base model. Features that are not unit length
/// make this matter: ResNet18's have ‖x‖ ≈ 35, where τ_s = 1 saturates the softmax (benchmarks/report.sh, 2026-12-01:
/// a student at the cosine temperature reached 67 % agreement with its labels, at the calibrated one 96 %).
/// </summary>
public static class StudentTemperature
{
    public static double Calibrated(double baseTemperature, EmbeddingMatrix pool)
    {
        if (!(baseTemperature > 0) || !double.IsFinite(baseTemperature))
            throw new StudentDataException($"the teacher records no usable base-model temperature ({baseTemperature}): set the student's τ_s yourself.");
        if (pool.Rows == 0) throw new StudentDataException("the pool has no embeddings: set the student's τ_s yourself.");
        var sum = 0.0;
        foreach (var v in pool.Values) sum += v * v;
        return baseTemperature * sum / pool.Rows;
    }
}
