using AligNet.Evaluation.Simulation;
using AligNet.Ml.Sampling;
using AligNet.Ml.Teacher;

namespace AligNet.Ml.Tests.Sampling;

/// <summary>The simulation on a small synthetic pool (36 items, 6-d, 4 categories): seconds, not minutes.</summary>
public class SamplingSimulationTests
{
    private static readonly SamplingSimulationOptions Small = new()
    {
        Seeds = 2, SeedBatch = 60, Batch = 30, Rounds = 2, Candidates = 800, HeldOut = 300, Noise = 0.1,
        Teacher = new TeacherOptions { MaxEpochs = 3, LambdaGrid = [0.1], TripletBatch = 32, AllowCuda = false },
    };

    private static readonly Lazy<IReadOnlyList<SamplingPoint>> Points = new(() =>
    {
        var (x, paths) = SamplingWorld.Pool(36, 6, seed: 11);
        return SamplingSimulation.Run(x, paths, Small);
    });

    [Fact]
    public void Each_arm_and_seed_has_one_point_per_round_with_the_responses_growing_by_the_batch()
    {
        var points = Points.Value;

        Assert.Equal(2 * 2 * 3, points.Count);
        foreach (var group in points.GroupBy(p => (p.Arm, p.Seed)))
        {
            Assert.Equal([60, 90, 120], group.Select(p => p.Responses));
            Assert.Equal([0, 1, 2], group.Select(p => p.Round));
            Assert.Null(group.Last().NextBatchEntropy);
        }
        Assert.All(points, p => Assert.InRange(p.Accuracy, 0, 1));
        Assert.All(points, p => Assert.InRange(p.OracleAgreement, 0, 1));
        // Round 0 is trained on the shared seed batch: both arms start from the same teacher and held-out set.
        foreach (var seed in new[] { 0, 1 })
        {
            var first = points.Where(p => p.Seed == seed && p.Round == 0).ToArray();
            Assert.Equal(first[0].Accuracy, first[1].Accuracy);
            Assert.Equal(first[0].HeldOutNll, first[1].HeldOutNll);
        }
    }

    [Fact]
    public void The_adaptive_arm_asks_triplets_of_higher_teacher_entropy_than_the_random_arm()
    {
        var points = Points.Value.Where(p => p.NextBatchEntropy is not null).ToArray();

        foreach (var (seed, round) in points.Select(p => (p.Seed, p.Round)).Distinct())
        {
            var adaptive = points.Single(p => p.Arm == SamplingArms.Adaptive && p.Seed == seed && p.Round == round).NextBatchEntropy!.Value;
            var random = points.Single(p => p.Arm == SamplingArms.Random && p.Seed == seed && p.Round == round).NextBatchEntropy!.Value;
            Assert.True(adaptive > random, $"seed {seed} round {round}: adaptive batch entropy {adaptive:F4} is not above random {random:F4}");
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_curves_and_another_seed_other_ones()
    {
        var (x, paths) = SamplingWorld.Pool(36, 6, seed: 11);
        var again = SamplingSimulation.Run(x, paths, Small with { Seeds = 1 }, cancellation: TestContext.Current.CancellationToken);
        var other = SamplingSimulation.Run(x, paths, Small with { Seeds = 1, FirstSeed = 7 }, cancellation: TestContext.Current.CancellationToken);

        var original = Points.Value.Where(p => p.Seed == 0).ToArray();
        Assert.Equal(original.Select(Figures), again.Select(Figures));
        Assert.NotEqual(original.Select(Figures), other.Select(Figures));
    }

    [Fact]
    public void The_csv_is_long_form_with_one_row_per_point_and_reads_back_unchanged()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("sampling-").FullName, "results.csv");

        SamplingResultsCsv.Write(file, Points.Value);

        var lines = File.ReadAllLines(file);
        Assert.Equal("arm,seed,round,responses,accuracy,oracle_agreement,held_out_nll,next_batch_entropy,train_seconds,score_seconds", lines[0]);
        Assert.Equal(Points.Value.Count + 1, lines.Length);
        Assert.All(lines.Skip(1), l => Assert.Equal(10, l.Split(',').Length));
        Assert.Equal(Points.Value, SamplingResultsCsv.Read(file));
    }

    [Fact]
    public void A_pool_too_small_for_the_requested_triplets_is_refused_with_the_numbers()
    {
        var (x, paths) = SamplingWorld.Pool(8, 3, seed: 1); // C(8, 3) = 56 triplets
        var error = Assert.Throws<ArgumentException>(() => SamplingSimulation.Run(x, paths, Small, cancellation: TestContext.Current.CancellationToken));
        Assert.Contains("8 items make 56 triplets", error.Message);
        Assert.Contains("1 category paths for 8", Assert.Throws<ArgumentException>(() => SamplingSimulation.Run(x, paths.Take(1).ToList(), Small, cancellation: TestContext.Current.CancellationToken)).Message);
    }

    private static (string, int, int, int, double, double, double, double?) Figures(SamplingPoint p) =>
        (p.Arm, p.Seed, p.Round, p.Responses, p.Accuracy, p.OracleAgreement, p.HeldOutNll, p.NextBatchEntropy);
}
