using AligNet.Evaluation.Embeddings;
using AligNet.Ml.Teacher;

namespace AligNet.Ml.Tests.Teacher;

/// <summary>The review's teacher fixes: λ = 10 in the default grid; L_local computed on the pool to be labelled when given.</summary>
public class TeacherLocalPoolTests
{
    [Fact]
    public void The_default_lambda_grid_reaches_10()
    {
        Assert.Equal([10, 1, 0.1, 0.01, 0.001], new TeacherOptions().LambdaGrid);
    }

    [Fact]
    public void A_local_pool_changes_the_local_term_and_is_recorded()
    {
        var (x, responses) = TeacherTrainerTests.Synthetic();
        var options = TeacherTrainerTests.Quick with { MaxEpochs = 2, Alpha = 0.5 };
        var random = new Random(9);
        var pool = new EmbeddingMatrix(30, 8, [.. Enumerable.Range(0, 30 * 8).Select(_ => random.NextDouble() * 4 - 2)]);

        var own = new TeacherTrainer(options).Train(x, responses);
        var onPool = new TeacherTrainer(options).Train(x, responses, pool);

        Assert.Null(own.Options.LocalPool);
        Assert.Equal(EmbeddingFingerprint.Of(pool), onPool.Options.LocalPool);
        Assert.NotEqual(own.Model.Weight, onPool.Model.Weight);
        // Same training items, split and seed: only L_local differs, so the human part still learns.
        Assert.True(onPool.TestMetrics.Teacher.Accuracy > onPool.TestMetrics.Base.Accuracy);
    }

    [Fact]
    public void A_local_pool_of_other_dimensions_is_refused()
    {
        var (x, responses) = TeacherTrainerTests.Synthetic();
        var pool = new EmbeddingMatrix(5, 3, new double[15]);
        var error = Assert.Throws<ArgumentException>(() => new TeacherTrainer(TeacherTrainerTests.Quick).Train(x, responses, pool));
        Assert.Contains("same base model", error.Message);
    }
}
