using AligNet.Domain.Designs;
using AligNet.Domain.Studies;
using static AligNet.Domain.Tests.TestPools;

namespace AligNet.Domain.Tests;

public class DesignCheckTests
{
    private static List<string> Errors(Study study, IReadOnlyList<DesignStimulus> pool, IReadOnlyList<FixedTrial>? rows = null) =>
        DesignCheck.Validate(study, pool, rows).Where(p => p.Severity == DesignProblemSeverity.Error).Select(p => p.Message).ToList();

    private static List<string> Warnings(Study study, IReadOnlyList<DesignStimulus> pool, IReadOnlyList<FixedTrial>? rows = null) =>
        DesignCheck.Validate(study, pool, rows).Where(p => p.Severity == DesignProblemSeverity.Warning).Select(p => p.Message).ToList();

    [Fact]
    public void A_sound_design_has_no_problems() => Assert.Empty(DesignCheck.Validate(Study(trials: 200, repeats: 5), Categorised(50)));

    [Fact]
    public void Too_few_catch_trials_for_the_least_accuracy_warn_that_one_miss_ends_the_session()
    {
        // The demo study: 30 trials, 10 % catch = 3 catch trials, 90 % required: one miss leaves 2/3 = 67 %.
        var demo = Study(trials: 30, catchShare: 0.1, blocks: 2);
        var warning = Assert.Single(Warnings(demo, Categorised(50)), m => m.Contains("single missed catch trial"));
        Assert.Contains("produces 3 catch trials", warning);
        Assert.Contains("(2/3 = 67 %)", warning);
        Assert.Contains("at least 10 catch trials", warning);
        Assert.Contains("lower the least catch accuracy to 66 %", warning);

        // Ten catch trials at 90 %: one miss leaves exactly 90 %, which passes (QcEvaluator excludes below it).
        Assert.DoesNotContain(Warnings(Study(trials: 100, catchShare: 0.1), Categorised(50)), m => m.Contains("single missed"));
        Assert.Null(DesignCheck.SingleMissWarning(3, 0.66));
        Assert.Null(DesignCheck.SingleMissWarning(0, 0.9));
        Assert.Contains("below 100 %", DesignCheck.SingleMissWarning(40, 1.0));
    }

    [Fact]
    public void A_pool_of_fewer_than_three_stimuli_is_an_error()
    {
        Assert.Contains(Errors(Study(), Categorised(2)), m => m.Contains("at least 3"));
        Assert.Throws<DesignException>(() => Plan(Study(), Categorised(2), seed: 0));
    }

    [Fact]
    public void Catch_trials_without_categories_are_an_error_and_practice_without_them_a_warning()
    {
        Assert.Contains(Errors(Study(catchShare: 0.1), Uncategorised(30)), m => m.Contains("category paths"));
        Assert.Empty(Errors(Study(catchShare: 0), Uncategorised(30)));
        Assert.Contains(Warnings(Study(catchShare: 0), Uncategorised(30)), m => m.Contains("without feedback"));
    }

    [Fact]
    public void Repeat_probes_that_cannot_keep_their_gap_are_an_error()
    {
        // 30 trials: each probe comes 16 trials after its first showing, so at most 30 − 16 = 14 fit (0–13 shown again at 16–29).
        Assert.Contains(Errors(Study(trials: 30, catchShare: 0, repeats: 15), Categorised(30)), m => m.Contains("repeat probes do not fit"));
        Assert.Empty(Errors(Study(trials: 30, catchShare: 0, repeats: 14), Categorised(30)));
        Assert.Equal(14, Plan(Study(trials: 30, catchShare: 0, repeats: 14), Categorised(30), seed: 1).Count(t => t.RepeatOfIndex is not null));
        Assert.Contains(Errors(Study(trials: 20, catchShare: 0, repeats: 11), Categorised(30)), m => m.Contains("main trial of its own"));
    }

    [Fact]
    public void Every_design_the_check_accepts_can_be_planned_and_every_refused_one_throws()
    {
        var pool = Categorised(20);
        for (var trials = 16; trials <= 60; trials += 4)
        for (var repeats = 0; repeats <= trials / 2; repeats += 3)
        {
            var study = Study(trials: trials, catchShare: 0.1, repeats: repeats, blocks: 2);
            if (Errors(study, pool).Count == 0) Assert.Equal(study.TotalTrials, Plan(study, pool, seed: trials * 100 + repeats).Count);
            else Assert.Throws<DesignException>(() => Plan(study, pool, seed: 0));
        }
    }

    [Fact]
    public void More_trials_than_distinct_triplets_is_an_error() =>
        Assert.Contains(Errors(Study(trials: 60, catchShare: 0), Categorised(6)), m => m.Contains("make only 20"));

    [Fact]
    public void Out_of_range_numbers_are_errors()
    {
        Assert.NotEmpty(Errors(Study(trials: 0), Categorised(30)));
        Assert.NotEmpty(Errors(Study(trials: StudyLimits.MaxTrialsPerParticipant + 1), Categorised(30)));
        Assert.NotEmpty(Errors(Study(blocks: 0), Categorised(30)));
        Assert.NotEmpty(Errors(Study(catchShare: 0.9), Categorised(30)));
        Assert.NotEmpty(Errors(Study(practice: -1), Categorised(30)));
    }

    [Fact]
    public void Fixed_lists_warn_that_catch_share_and_repeats_are_not_applied_and_check_their_rows()
    {
        var pool = Categorised(10);
        var study = Study(trials: 3, catchShare: 0.05, blocks: 1);
        study.Design = DesignKind.FixedLists;
        var rows = new List<FixedTrial>
        {
            new() { ListNumber = 1, Order = 0, Stimulus0Id = Id(0), Stimulus1Id = Id(1), Stimulus2Id = Id(2) },
            new() { ListNumber = 1, Order = 1, Stimulus0Id = Id(0), Stimulus1Id = Id(1), Stimulus2Id = Id(99) },
            new() { ListNumber = 2, Order = 0, Stimulus0Id = Id(0), Stimulus1Id = Id(1), Stimulus2Id = Id(2), IsCatch = true },
        };

        Assert.Contains(Warnings(study, pool, rows), m => m.Contains("not applied"));
        Assert.Contains(Warnings(study, pool, rows), m => m.Contains("List 1 has 2 trials"));
        Assert.Contains(Warnings(study, pool, rows), m => m.Contains("1 catch rows"));
        Assert.Contains(Errors(study, pool, rows), m => m.Contains("not in the study's stimulus set"));
        Assert.Contains(Errors(study, pool, []), m => m.Contains("import the trial lists"));
    }
}
