using AligNet.Evaluation.Embeddings;
using AligNet.Evaluation.Triplets;
using AligNet.Ml.Teacher;

namespace AligNet.Ml.Tests.Teacher;

/// <summary>Training on a small synthetic problem: people judge by 2 of 8 dimensions, the base model sees all 8 alike.</summary>
public class TeacherTrainerTests
{
    internal static readonly TeacherOptions Quick = new() { LambdaGrid = [0.01], MaxEpochs = 6, LocalBatch = 16, TripletBatch = 32, LearningRate = 1e-2, AllowCuda = false, Seed = 11 };

    internal static (EmbeddingMatrix Embeddings, List<TripletResponse> Responses) Synthetic(int items = 40, int triplets = 600)
    {
        var random = new Random(1);
        var values = Enumerable.Range(0, items * 8).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        var x = new EmbeddingMatrix(items, 8, values);
        double Human(int a, int b) => x.Row(a)[0] * x.Row(b)[0] * 4 + x.Row(a)[1] * x.Row(b)[1] * 4;
        var responses = new List<TripletResponse>();
        while (responses.Count < triplets)
        {
            var (i, j, k) = (random.Next(items), random.Next(items), random.Next(items));
            if (i == j || i == k || j == k) continue;
            var (ij, ik, jk) = (Human(i, j), Human(i, k), Human(j, k));
            responses.Add(ij >= ik && ij >= jk ? new(i, j, k) : ik >= jk ? new(i, k, j) : new(j, k, i));
        }
        return (x, responses);
    }

    [Fact]
    public void The_teacher_learns_what_people_attend_to_and_beats_the_base_model_on_held_out_triplets()
    {
        var (x, responses) = Synthetic();
        var progress = new List<TrainingEpoch>();

        var result = new TeacherTrainer(Quick, new ListProgress(progress)).Train(x, responses);

        Assert.Equal(result.Curve, progress);
        Assert.True(result.TestMetrics.Teacher.Accuracy > result.TestMetrics.Base.Accuracy + 0.1,
            $"teacher {result.TestMetrics.Teacher.Accuracy} vs base {result.TestMetrics.Base.Accuracy}");
        Assert.True(result.TestMetrics.TeacherCalibrated.Nll <= result.TestMetrics.Teacher.Nll + 1e-9);
        Assert.Equal(0.01, result.ChosenLambda);
        Assert.Equal(600, result.Split.TrainResponses + result.Split.ValidationResponses + result.Split.TestResponses);
        Assert.StartsWith("cpu", result.Device);
    }

    [Fact]
    public void The_same_seed_on_the_cpu_gives_the_same_teacher()
    {
        var (x, responses) = Synthetic();
        var options = Quick with { MaxEpochs = 2 };

        var first = new TeacherTrainer(options).Train(x, responses);
        var second = new TeacherTrainer(options).Train(x, responses);

        Assert.Equal(first.Model.Weight, second.Model.Weight);
        Assert.Equal(first.Curve, second.Curve);
        Assert.Equal(first.Model.Temperature, second.Model.Temperature);
    }

    [Fact]
    public void The_lambda_with_the_lowest_validation_loss_is_chosen()
    {
        var (x, responses) = Synthetic();
        var result = new TeacherTrainer(Quick with { LambdaGrid = [100, 0.01], MaxEpochs = 3 }).Train(x, responses);

        var bestPerLambda = result.Curve.GroupBy(e => e.Lambda).ToDictionary(g => g.Key, g => g.Min(e => e.ValidationLoss));
        Assert.Equal(bestPerLambda.MinBy(kv => kv.Value).Key, result.ChosenLambda);
    }

    [Fact]
    public void Non_finite_embeddings_are_refused_with_the_row_and_column()
    {
        var (x, responses) = Synthetic();
        x.Values[3 * 8 + 5] = double.NaN;
        var error = Assert.Throws<ArgumentException>(() => new TeacherTrainer(Quick).Train(x, responses));
        Assert.Contains("row 3, column 5", error.Message);
    }

    private sealed class ListProgress(List<TrainingEpoch> epochs) : ITrainingProgress
    {
        public void Report(TrainingEpoch epoch) => epochs.Add(epoch);
    }
}
