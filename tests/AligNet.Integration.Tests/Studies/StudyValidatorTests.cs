using AligNet.Data.Seeding;
using AligNet.Data.Studies;
using AligNet.Domain.Studies;

namespace AligNet.Integration.Tests.Studies;

/// <summary>The shared study rules (pure: no database), each failing rule with a message that names the fix.</summary>
public class StudyValidatorTests
{
    private static Study Valid() => DemoSeeder.DemoStudy(Guid.NewGuid());

    private static List<string> ErrorsFor(Study study, string property) =>
        [.. StudyValidator.ValidateForSave(study).Errors.Where(e => e.PropertyName == property).Select(e => e.ErrorMessage)];

    [Fact]
    public void The_defaults_and_the_demo_study_are_valid()
    {
        var fresh = StudyDefaults.NewStudy(Guid.NewGuid(), "me");
        fresh.Name = "New";

        Assert.Empty(StudyValidator.ValidateForOpening(fresh).Errors);
        Assert.Empty(StudyValidator.ValidateForOpening(Valid()).Errors);
    }

    [Fact]
    public void A_name_is_required_and_at_most_200_characters()
    {
        var study = Valid();
        study.Name = "  ";
        Assert.Equal(["Give the study a name."], ErrorsFor(study, nameof(Study.Name)));
        study.Name = new string('x', 201);
        Assert.Equal(["Shorten the name to at most 200 characters."], ErrorsFor(study, nameof(Study.Name)));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(StudyLimits.MaxTrialsPerParticipant, true)]
    [InlineData(StudyLimits.MaxTrialsPerParticipant + 1, false)]
    public void Trials_per_participant_are_bounded(int trials, bool valid)
    {
        var study = Valid();
        (study.TrialsPerParticipant, study.Blocks, study.RepeatProbes, study.CatchTrialShare) = (trials, 1, 0, 0);
        Assert.Equal(valid, ErrorsFor(study, nameof(Study.TrialsPerParticipant)).Count == 0);
    }

    [Theory]
    [InlineData(-0.01, false)]
    [InlineData(0.0, true)]
    [InlineData(0.99, true)]
    [InlineData(1.0, false)]
    public void The_catch_share_is_from_zero_up_to_but_not_including_one(double share, bool valid)
    {
        var study = Valid();
        (study.TrialsPerParticipant, study.RepeatProbes, study.CatchTrialShare) = (1000, 0, share);
        var errors = ErrorsFor(study, nameof(Study.CatchTrialShare));
        Assert.Equal(valid, errors.Count == 0);
        if (!valid) Assert.Contains("Set the catch-trial share from 0% up to (not including) 100%.", errors);
    }

    [Fact]
    public void Blocks_may_not_outnumber_the_trials_or_fifty()
    {
        var study = Valid();
        (study.TrialsPerParticipant, study.Blocks, study.RepeatProbes) = (10, 11, 0);
        Assert.Equal(["Set the blocks between 1 and 10 (at most 50, and no more than the trials per participant)."], ErrorsFor(study, nameof(Study.Blocks)));
        (study.TrialsPerParticipant, study.Blocks) = (1000, 51);
        Assert.Single(ErrorsFor(study, nameof(Study.Blocks)));
        study.Blocks = 50;
        Assert.Empty(ErrorsFor(study, nameof(Study.Blocks)));
    }

    [Fact]
    public void Practice_trials_are_0_to_50()
    {
        var study = Valid();
        study.PracticeTrials = 51;
        Assert.Equal(["Set the practice trials between 0 and 50."], ErrorsFor(study, nameof(Study.PracticeTrials)));
        study.PracticeTrials = -1;
        Assert.Single(ErrorsFor(study, nameof(Study.PracticeTrials)));
    }

    [Fact]
    public void The_minimum_valid_RT_must_be_below_a_set_time_limit_only()
    {
        var study = Valid();
        (study.ResponseTimeLimitMs, study.MinimumValidRtMs) = (1000, 1000);
        Assert.Contains("The minimum valid RT must be shorter than the response time limit (1,000 ms): lower it, or raise the limit.", ErrorsFor(study, nameof(Study.MinimumValidRtMs)));
        study.ResponseTimeLimitMs = 0; // no limit
        Assert.Empty(ErrorsFor(study, nameof(Study.MinimumValidRtMs)));
    }

    [Fact]
    public void Timing_values_are_0_to_the_largest_limit()
    {
        var study = Valid();
        (study.FixationMs, study.InterTrialIntervalMs) = (-1, StudyLimits.MaxTimeLimitMs + 1);
        Assert.Equal(["Set the fixation between 0 and 120,000 ms."], ErrorsFor(study, nameof(Study.FixationMs)));
        Assert.Equal(["Set the inter-trial interval between 0 and 120,000 ms."], ErrorsFor(study, nameof(Study.InterTrialIntervalMs)));
    }

    [Fact]
    public void At_least_one_input_mode_is_allowed()
    {
        var study = Valid();
        study.Inputs = InputModes.None;
        Assert.Equal(["Allow at least one input: keys 1/2/3, arrow keys, mouse or touch."], ErrorsFor(study, nameof(Study.Inputs)));
        study.Inputs = InputModes.Touch;
        Assert.Empty(ErrorsFor(study, nameof(Study.Inputs)));
    }

    [Fact]
    public void Texts_longer_than_the_limit_are_refused()
    {
        var study = Valid();
        study.InstructionsMarkdown = new string('a', StudyLimits.MaxTextLength + 1);
        Assert.Equal(["Shorten the instructions to at most 20,000 characters."], ErrorsFor(study, nameof(Study.InstructionsMarkdown)));
    }

    [Fact]
    public void Codes_are_short_and_made_of_letters_digits_underscore_and_dash()
    {
        var study = Valid();
        study.CompletionCode = "ABC 123";
        study.ScreenedOutCode = new string('A', 65);
        study.FailedChecksCode = "ok_code-1";
        Assert.Equal(["Use only letters, digits, '_' and '-' in the completion code."], ErrorsFor(study, nameof(Study.CompletionCode)));
        Assert.Equal(["Shorten the screened-out code to at most 64 characters."], ErrorsFor(study, nameof(Study.ScreenedOutCode)));
        Assert.Empty(ErrorsFor(study, nameof(Study.FailedChecksCode)));
    }

    [Theory]
    [InlineData(RecruitmentSource.Prolific, false)]
    [InlineData(RecruitmentSource.MTurk, false)]
    [InlineData(RecruitmentSource.DirectLink, true)]
    public void A_paid_platform_needs_a_completion_code_before_opening_but_a_draft_may_lack_one(RecruitmentSource source, bool opens)
    {
        var study = Valid();
        (study.State, study.Recruitment, study.CompletionCode) = (StudyState.Draft, source, "");

        Assert.Empty(StudyValidator.ValidateForSave(study).Errors);
        var opening = StudyValidator.ValidateForOpening(study).Errors.Select(e => e.ErrorMessage).ToList();
        Assert.Equal(opens, opening.Count == 0);
        if (!opens) Assert.Equal([$"Enter (or generate) a completion code: {source} participants need it to be paid."], opening);
    }

    [Fact]
    public void Repeat_probes_need_a_session_longer_than_their_gap()
    {
        var study = Valid();
        (study.TrialsPerParticipant, study.Blocks, study.CatchTrialShare, study.RepeatProbes) = (16, 1, 0, 1);
        Assert.Contains("more than 16 trials per participant", Assert.Single(ErrorsFor(study, nameof(Study.RepeatProbes))));
    }

    [Fact]
    public void Catch_trials_and_probes_must_leave_ordinary_trials()
    {
        var study = Valid();
        (study.TrialsPerParticipant, study.Blocks, study.CatchTrialShare, study.RepeatProbes) = (20, 1, 0.5, 10);
        Assert.Contains("Catch trials (10) and repeat probes (10) leave no ordinary trials: lower them or add trials.", ErrorsFor(study, nameof(Study.CatchTrialShare)));
    }

    [Fact]
    public void QC_shares_are_fractions_and_exclusion_is_not_below_flagging()
    {
        var study = Valid();
        study.Qc.MinCatchAccuracy = 1.5;
        study.Qc.PositionBiasExcludeShare = 0.5;
        var errors = StudyValidator.ValidateForSave(study).Errors.Select(e => (e.PropertyName, e.ErrorMessage)).ToList();
        Assert.Contains(("Qc.MinCatchAccuracy", "Set the minimum catch accuracy between 0% and 100%."), errors);
        Assert.Contains(("Qc.PositionBiasExcludeShare", "The position-bias exclusion share must be at least the flag share."), errors);
    }

    [Theory]
    [InlineData(StudyState.Draft, StudyState.Open, true)]
    [InlineData(StudyState.Open, StudyState.Paused, true)]
    [InlineData(StudyState.Paused, StudyState.Open, true)]
    [InlineData(StudyState.Open, StudyState.Closed, true)]
    [InlineData(StudyState.Paused, StudyState.Closed, true)]
    [InlineData(StudyState.Draft, StudyState.Closed, false)]
    [InlineData(StudyState.Closed, StudyState.Open, false)]
    [InlineData(StudyState.Open, StudyState.Draft, false)]
    public void State_changes_follow_the_lifecycle(StudyState from, StudyState to, bool allowed) =>
        Assert.Equal(allowed, StudyTransitions.IsAllowed(from, to));
}
