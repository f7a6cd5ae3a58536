using AligNet.Data.Seeding;
using AligNet.Data.Studies;
using AligNet.Domain.Studies;

namespace AligNet.Integration.Tests.Studies;

/// <summary>The adaptive-sampling option of the balanced random design (ADR-021): bounds, messages that name the fix, and the audit.</summary>
public class AdaptiveStudyOptionTests
{
    private static List<string> ErrorsFor(Study study, string property) =>
        [.. StudyValidator.ValidateForSave(study).Errors.Where(e => e.PropertyName == property).Select(e => e.ErrorMessage)];

    private static Study Adaptive(double share)
    {
        var study = DemoSeeder.DemoStudy(Guid.NewGuid());
        (study.AdaptiveSampling, study.RandomArmShare) = (true, share);
        return study;
    }

    [Theory]
    [InlineData(0.15, true)]
    [InlineData(0.05, true)]
    [InlineData(1.0, true)]
    [InlineData(0.049, false)]
    [InlineData(0.0, false)]
    [InlineData(1.01, false)]
    public void The_random_arm_share_is_between_5_and_100_percent(double share, bool valid)
    {
        var errors = ErrorsFor(Adaptive(share), nameof(Study.RandomArmShare));
        if (valid) Assert.Empty(errors);
        else Assert.Equal(["Set the random-arm share between 5% and 100% (default 15%): a random arm keeps an unbiased sample to analyse; 100% means no adaptive trials at all."], errors);
    }

    [Fact]
    public void A_new_study_defaults_to_no_adaptive_sampling_with_a_15_percent_random_arm_scored_by_entropy()
    {
        var fresh = StudyDefaults.NewStudy(Guid.NewGuid(), "me");
        Assert.Equal((false, 0.15, AdaptiveScore.Entropy), (fresh.AdaptiveSampling, fresh.RandomArmShare, fresh.AdaptiveScore));
        // Off, the share is not judged (a study that never samples adaptively has no arm).
        fresh.RandomArmShare = 0;
        Assert.Empty(ErrorsFor(fresh, nameof(Study.RandomArmShare)));
    }

    [Fact]
    public void Adaptive_sampling_needs_the_balanced_random_design()
    {
        var study = Adaptive(0.15);
        study.Design = DesignKind.FixedLists;
        Assert.Equal(["Adaptive sampling works with the balanced random design only: choose that design, or turn adaptive sampling off."],
            ErrorsFor(study, nameof(Study.AdaptiveSampling)));
    }

    [Fact]
    public void Turning_it_on_is_audited_with_before_and_after_and_changes_the_fingerprint()
    {
        var before = DemoSeeder.DemoStudy(Guid.NewGuid());
        var after = DemoSeeder.DemoStudy(before.StimulusSetId);
        after.Id = before.Id;
        (after.AdaptiveSampling, after.RandomArmShare, after.AdaptiveScore) = (true, 0.2, AdaptiveScore.ExpectedInformationGain);

        var changes = StudyChanges.Between(before, after);
        Assert.Contains(new StudyChanges.Change(nameof(Study.AdaptiveSampling), "False", "True"), changes);
        Assert.Contains(new StudyChanges.Change(nameof(Study.RandomArmShare), "0.15", "0.2"), changes);
        Assert.Contains(new StudyChanges.Change(nameof(Study.AdaptiveScore), "Entropy", "ExpectedInformationGain"), changes);
        Assert.NotEqual(StudyFingerprint.Of(before), StudyFingerprint.Of(after));
        Assert.True(StudyEditing.DesignDiffers(before, after)); // part of the design: frozen with the first session
    }
}
