using AligNet.Cli.Bots;
using AligNet.Domain.Simulation;

namespace AligNet.Evaluation.Tests;

/// <summary>The bots' default oracle: category hierarchy choice, noise, and RT growing with difficulty.</summary>
public class CategoryOracleTests
{
    private static readonly string[] Sparrow = ["animals", "birds", "sparrows"];
    private static readonly string[] Robin = ["animals", "birds", "robins"];
    private static readonly string[] Trout = ["animals", "fish", "trout"];
    private static readonly string[] Hammer = ["tools", "hammers"];

    private static double MedianRt(CategoryOracle oracle, IReadOnlyList<IReadOnlyList<string>> triplet, int seed = 7)
    {
        var random = new Random(seed);
        var rts = Enumerable.Range(0, 4001).Select(_ => oracle.Answer(triplet, random).RtMs).Order().ToList();
        return rts[rts.Count / 2];
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Without_noise_the_item_from_the_most_distant_category_is_chosen_wherever_it_is_shown(int position)
    {
        var oracle = new CategoryOracle(noise: 0);
        var random = new Random(1);
        var coarse = new List<IReadOnlyList<string>> { Sparrow, Robin };
        coarse.Insert(position, Hammer);
        var fine = new List<IReadOnlyList<string>> { Sparrow, Robin };
        fine.Insert(position, Trout);

        for (var i = 0; i < 200; i++)
        {
            Assert.Equal(position, oracle.Answer(coarse, random).Position);
            Assert.Equal(position, oracle.Answer(fine, random).Position); // a fish among birds: shares "animals" only
        }
    }

    [Fact]
    public void Shared_depth_is_the_length_of_the_common_category_prefix()
    {
        Assert.Equal(2, CategoryOracle.SharedDepth(Sparrow, Robin));
        Assert.Equal(1, CategoryOracle.SharedDepth(Sparrow, Trout));
        Assert.Equal(0, CategoryOracle.SharedDepth(Sparrow, Hammer));
        Assert.Equal(0, CategoryOracle.SharedDepth([], Hammer));
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.3)]
    public void With_noise_about_that_share_of_answers_is_random_and_two_thirds_of_those_miss(double noise)
    {
        var oracle = new CategoryOracle(noise);
        var random = new Random(11);
        const int n = 30_000;
        var answers = Enumerable.Range(0, n).Select(_ => oracle.Answer([Sparrow, Hammer, Robin], random)).ToList();

        var noisy = answers.Count(a => a.Noisy) / (double)n;
        var wrong = answers.Count(a => a.Position != 1) / (double)n;
        Assert.InRange(noisy, noise - 0.01, noise + 0.01);
        Assert.InRange(wrong, noise * 2 / 3 - 0.01, noise * 2 / 3 + 0.01); // a random pick is right one time in three
    }

    [Fact]
    public void Without_a_clear_outsider_the_choice_is_spread_over_the_positions()
    {
        var oracle = new CategoryOracle(noise: 0);
        var random = new Random(5);
        var counts = new int[3];
        for (var i = 0; i < 3000; i++) counts[oracle.Answer([Hammer, Sparrow, Trout.Take(1).Append("x").ToArray()], random).Position]++;

        // hammer shares nothing with either animal: it is the clear outsider here...
        Assert.Equal(3000, counts[0]);
        counts = new int[3];
        for (var i = 0; i < 3000; i++) counts[oracle.Answer([Sparrow, Sparrow, Sparrow], random).Position]++;
        // ...while three sparrows have none: every position is taken about a third of the time.
        Assert.All(counts, c => Assert.InRange(c, 850, 1150));
    }

    [Fact]
    public void Response_time_grows_with_difficulty()
    {
        var oracle = new CategoryOracle(noise: 0);
        var easy = MedianRt(oracle, [Sparrow, Robin, Hammer]);   // outsider shares nothing
        var finer = MedianRt(oracle, [Sparrow, Robin, Trout]);   // outsider shares "animals"
        var hardest = MedianRt(oracle, [Sparrow, Sparrow, Sparrow]); // no outsider, deep categories shared

        Assert.InRange(easy, CategoryOracle.BaseMedianMs * 0.93, CategoryOracle.BaseMedianMs * 1.07);
        Assert.True(finer > easy * 1.2, $"finer {finer:0} ms vs easy {easy:0} ms");
        Assert.True(hardest > finer * 1.5, $"hardest {hardest:0} ms vs finer {finer:0} ms");
        Assert.True(oracle.Answer([Sparrow, Robin, Hammer], new Random(1)).Difficulty < oracle.Answer([Sparrow, Sparrow, Sparrow], new Random(1)).Difficulty);
    }

    [Fact]
    public void A_stimulus_id_is_read_from_relative_and_absolute_image_urls()
    {
        var id = Guid.NewGuid();
        Assert.Equal(id, StimulusCategories.StimulusIdOf($"/api/stimuli/{id}/image?w=320"));
        Assert.Equal(id, StimulusCategories.StimulusIdOf($"http://host:5080/api/stimuli/{id}/image"));
        Assert.Null(StimulusCategories.StimulusIdOf("/img/x.png"));
    }
}
