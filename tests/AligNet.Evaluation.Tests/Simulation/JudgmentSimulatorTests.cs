using AligNet.Evaluation.Simulation;
using AligNet.Evaluation.Triplets;

namespace AligNet.Evaluation.Tests.Simulation;

/// <summary>Simulated judgments: the oracle's answers on a four-item hierarchy worked by hand, reproducibility, and the file format.</summary>
public class JudgmentSimulatorTests
{
    // 0 sparrow, 1 robin (both birds), 2 trout (animal, not bird), 3 hammer (not animal).
    internal static readonly IReadOnlyList<IReadOnlyList<string>> Tiny =
    [
        ["animals", "birds", "sparrow"], ["animals", "birds", "robin"], ["animals", "fish", "trout"], ["tools", "hammers"],
    ];

    /// <summary>
    /// The odd one out of each of the four possible item sets, worked by hand from shared path depths:
    /// {0,1,2}: the birds share 2 levels, trout shares 1 with each → trout (2). Every set with the hammer → hammer (3):
    /// it shares nothing, while the others share at least "animals".
    /// </summary>
    private static readonly Dictionary<(int, int, int), int> HandOdd = new()
    {
        [(0, 1, 2)] = 2, [(0, 1, 3)] = 3, [(0, 2, 3)] = 3, [(1, 2, 3)] = 3,
    };

    private static (int, int, int) Sorted(int a, int b, int c) => new TripletResponse(a, b, c).ItemSet;

    [Fact]
    public void Without_noise_every_answer_is_the_hand_worked_odd_one_out_and_repeats_go_to_different_people()
    {
        var judgments = JudgmentSimulator.Simulate(Tiny, new SimulationOptions(Triplets: 300, Noise: 0, Participants: 5, Repeats: 3, Seed: 1));

        Assert.Equal(900, judgments.Count);
        foreach (var j in judgments)
        {
            int[] shown = [j.A, j.B, j.C];
            Assert.Equal(HandOdd[Sorted(j.A, j.B, j.C)], shown[j.Position]);
            Assert.InRange(j.RtMs, 100, 30_000);
        }
        Assert.Equal(4, judgments.Select(j => Sorted(j.A, j.B, j.C)).Distinct().Count());
        Assert.Equal(5, judgments.Select(j => j.Participant).Distinct().Count());
        foreach (var triplet in judgments.Chunk(3))
        {
            Assert.Single(triplet.Select(j => Sorted(j.A, j.B, j.C)).Distinct());
            Assert.Equal(3, triplet.Select(j => j.Participant).Distinct().Count());
        }
        // The odd one out is shown in every position: the screen order is shuffled.
        Assert.Equal(3, judgments.Select(j => j.Position).Distinct().Count());
    }

    [Fact]
    public void With_noise_about_two_thirds_of_the_noisy_share_disagrees_with_the_hand_worked_answer()
    {
        var judgments = JudgmentSimulator.Simulate(Tiny, new SimulationOptions(Triplets: 30_000, Noise: 0.3, Seed: 2));
        var wrong = judgments.Count(j => new[] { j.A, j.B, j.C }[j.Position] != HandOdd[Sorted(j.A, j.B, j.C)]) / (double)judgments.Count;
        Assert.InRange(wrong, 0.2 - 0.01, 0.2 + 0.01); // 0.3 random × 2/3 that miss
    }

    [Fact]
    public void The_same_seed_gives_the_same_judgments_and_another_seed_others()
    {
        var options = new SimulationOptions(Triplets: 200, Noise: 0.2, Participants: 4, Repeats: 2, Seed: 9);
        Assert.Equal(JudgmentSimulator.Simulate(Tiny, options), JudgmentSimulator.Simulate(Tiny, options));
        Assert.NotEqual(JudgmentSimulator.Simulate(Tiny, options), JudgmentSimulator.Simulate(Tiny, options with { Seed = 10 }));
    }

    [Fact]
    public void The_file_reads_back_through_the_triplet_reader_with_subject_and_rt()
    {
        var judgments = JudgmentSimulator.Simulate(Tiny, new SimulationOptions(Triplets: 50, Noise: 0, Participants: 3, Seed: 3));
        var path = Path.Combine(Directory.CreateTempSubdirectory("simulate-").FullName, "sim.tsv");

        SimulatedJudgmentFile.Write(path, judgments, ["made by a test"]);
        var responses = TripletFileReader.Read(path, TripletFormat.Choice, itemCount: 4);

        Assert.Equal(judgments.Count, responses.Count);
        for (var n = 0; n < responses.Count; n++)
        {
            Assert.Equal(HandOdd[responses[n].ItemSet], responses[n].K);
            Assert.Equal(judgments[n].Participant, responses[n].Subject);
            Assert.Equal(Math.Round(judgments[n].RtMs), responses[n].RtMs);
        }
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.partial"));
    }

    [Theory]
    [InlineData(0, 0.1, 1, 1, "--triplets must be at least 1.")]
    [InlineData(5, 1.5, 1, 1, "--noise 1.5 is not a probability from 0 to 1.")]
    [InlineData(5, 0.1, 2, 3, "--repeats must be from 1 to --participants (2)")]
    public void Impossible_options_are_refused_with_the_fix(int triplets, double noise, int participants, int repeats, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => JudgmentSimulator.Simulate(Tiny, new SimulationOptions(triplets, noise, participants, repeats)));
        Assert.StartsWith(message, error.Message);
    }
}
