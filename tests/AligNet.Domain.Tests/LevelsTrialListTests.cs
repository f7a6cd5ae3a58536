using AligNet.Domain.Designs;
using AligNet.Domain.Participation;
using AligNet.Domain.Studies;
using nietras.SeparatedValues;

namespace AligNet.Domain.Tests;

/// <summary>
/// The Levels experiment's real trial lists (../shared/data/levels: 100 participants × 330 trials, ImageNet file
/// names whose WordNet id is the class) planned as fixed lists. The data folder is configurable
/// (ALIGNET_SHARED_DATA); the tests skip, saying why, only when it is absent.
/// </summary>
public class LevelsTrialListTests
{
    private static readonly string[] Files = ["triplets_experiment_participants_0_to_49.csv", "triplets_experiment_participants_50_to_99.csv"];

    private sealed record Levels(List<DesignStimulus> Pool, List<FixedTrial> Rows);

    private static readonly Lazy<Levels> Data = new(Read);

    private static Levels Load()
    {
        var folder = Path.Combine(SharedData.Folder, "levels");
        foreach (var file in Files)
        {
            if (!File.Exists(Path.Combine(folder, file))) Assert.Skip($"Levels trial lists not found at {folder} (set ALIGNET_SHARED_DATA to the shared data folder).");
        }
        return Data.Value;
    }

    private static Levels Read()
    {
        var folder = Path.Combine(SharedData.Folder, "levels");
        var stimuli = new Dictionary<string, DesignStimulus>(StringComparer.Ordinal);
        var rows = new List<FixedTrial>();
        foreach (var file in Files)
        {
            using var reader = Sep.Reader().FromFile(Path.Combine(folder, file));
            foreach (var row in reader)
            {
                Guid[] ids = [Stimulus(stimuli, row["image1"].ToString()).Id, Stimulus(stimuli, row["image2"].ToString()).Id, Stimulus(stimuli, row["image3"].ToString()).Id];
                rows.Add(new FixedTrial
                {
                    ListNumber = int.Parse(row["id"].ToString().Replace("participant_", "", StringComparison.Ordinal)),
                    Order = row["trial"].Parse<int>(),
                    Stimulus0Id = ids[0], Stimulus1Id = ids[1], Stimulus2Id = ids[2],
                    Condition = row["triplet_class"].ToString(),
                });
            }
        }
        return new Levels([.. stimuli.Values], rows);
    }

    // stimuli/…/n04536866_6609.JPEG → one stimulus of class n04536866.
    private static DesignStimulus Stimulus(Dictionary<string, DesignStimulus> stimuli, string path)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        if (!stimuli.TryGetValue(name, out var stimulus))
            stimuli[name] = stimulus = new DesignStimulus(new Guid(stimuli.Count + 1, 0, 0, new byte[8]), [name[..name.IndexOf('_', StringComparison.Ordinal)]]);
        return stimulus;
    }

    private static Study LevelsStudy() => new()
    {
        Name = "Levels", Design = DesignKind.FixedLists, TrialsPerParticipant = 330, PracticeTrials = 6, Blocks = 7, CatchTrialShare = 0,
    };

    [Fact]
    public void The_lists_are_100_participants_of_330_trials_over_19_590_images_of_839_classes()
    {
        var levels = Load();

        Assert.Equal(33_000, levels.Rows.Count);
        Assert.Equal(100, levels.Rows.Select(r => r.ListNumber).Distinct().Count());
        // 9,848 images and 807 classes in each file (PROVENANCE.md's "over both files" is per file).
        Assert.Equal(19_590, levels.Pool.Count);
        Assert.Equal(839, levels.Pool.Select(s => s.CategoryPath[0]).Distinct().Count());
        Assert.Empty(DesignCheck.Validate(LevelsStudy(), levels.Pool, levels.Rows));
    }

    [Fact]
    public void The_planner_reproduces_each_list_in_order_with_its_conditions_after_six_practice_trials()
    {
        var levels = Load();
        var study = LevelsStudy();
        var coverage = new PairCoverage();

        foreach (var list in levels.Rows.GroupBy(r => r.ListNumber))
        {
            var rows = list.OrderBy(r => r.Order).ToList();
            var plan = SessionPlanner.Plan(new SessionPlanRequest(study, levels.Pool, coverage, list.ToList(), Seed: list.Key));

            Assert.Equal(336, plan.Count);
            Assert.All(plan.Take(6), t => Assert.True(t is { Kind: TrialKind.Practice, Block: 0, ExpectedPosition: not null }));
            var main = plan.Skip(6).ToList();
            Assert.All(main, t => Assert.Equal(TrialKind.Main, t.Kind));
            Assert.Equal(rows.Select(r => new TripletKey(r.Stimulus0Id, r.Stimulus1Id, r.Stimulus2Id)), main.Select(TestPools.Key));
            Assert.Equal(rows.Select(r => r.Condition), main.Select(t => t.Condition));
            Assert.Equal(Enumerable.Range(1, 7), main.Select(t => t.Block).Distinct());
            Assert.Equal([47, 47, 47, 47, 47, 47, 48], main.GroupBy(t => t.Block).Select(g => g.Count()).Order());
            Assert.DoesNotContain(plan.Take(6).Select(TestPools.Key), main.Select(TestPools.Key).Contains);
        }
        Assert.Empty(coverage.Snapshot()); // fixed lists are not balanced by the platform
    }

    [Fact]
    public void Screen_positions_of_the_list_rows_are_reshuffled_per_trial()
    {
        var levels = Load();
        var list = levels.Rows.Where(r => r.ListNumber == 0).ToList();

        var plan = SessionPlanner.Plan(new SessionPlanRequest(LevelsStudy(), levels.Pool, new PairCoverage(), list, Seed: 11));

        var asListed = plan.Skip(6).Zip(list.OrderBy(r => r.Order))
            .Count(p => p.First.Stimulus0 == p.Second.Stimulus0Id && p.First.Stimulus1 == p.Second.Stimulus1Id);
        Assert.InRange(asListed, 330 / 6 - 25, 330 / 6 + 25); // each of the 6 orders about equally often
    }
}
