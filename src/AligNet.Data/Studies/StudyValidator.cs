using AligNet.Domain.Studies;
using FluentValidation;

namespace AligNet.Data.Studies;

/// <summary>
/// The rules a study must satisfy to be saved, shared by the web form, the CLI and the participant API. Each message
/// says how to fix the value. Rules that need the database (is the stimulus pool large enough?) live in the design
/// check run when a study opens (<see cref="StudyLifecycle"/>).
/// </summary>
public sealed class StudyValidator : AbstractValidator<Study>
{
    /// <summary>Rule set that applies when a study is about to accept participants.</summary>
    public const string OpeningRules = "Opening";

    public const int MaxNameLength = 200;
    public const int MaxDescriptionLength = 4000;

    /// <summary>Codes are typed or pasted into recruitment platforms: letters, digits, '_' and '-' only.</summary>
    public const string CodePattern = "^[A-Za-z0-9_-]*$";

    public StudyValidator()
    {
        RuleFor(s => s.Name).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Give the study a name.")
            .MaximumLength(MaxNameLength).WithMessage($"Shorten the name to at most {MaxNameLength} characters.");
        RuleFor(s => s.Description).MaximumLength(MaxDescriptionLength)
            .WithMessage($"Shorten the description to at most {MaxDescriptionLength} characters.");
        RuleFor(s => s.StimulusSetId).NotEmpty().WithMessage("Choose the stimulus set the study shows.");
        RuleFor(s => s.Recruitment).IsInEnum().WithMessage("Choose Prolific, MTurk or a direct link.");
        RuleFor(s => s.Design).IsInEnum().WithMessage("Choose a design.");

        DesignRules();
        AdaptiveRules();
        TimingRules();
        RuleFor(s => s.Inputs).Must(i => (i & InputModes.All) != InputModes.None && (i & ~InputModes.All) == 0)
            .WithMessage("Allow at least one input: keys 1/2/3, arrow keys, mouse or touch.");
        TextRules();
        CodeRules();
        QcRules();
    }

    private void DesignRules()
    {
        RuleFor(s => s.TrialsPerParticipant).InclusiveBetween(1, StudyLimits.MaxTrialsPerParticipant)
            .WithMessage($"Set the trials per participant between 1 and {StudyLimits.MaxTrialsPerParticipant:N0}.");
        RuleFor(s => s.PracticeTrials).InclusiveBetween(0, StudyLimits.MaxPracticeTrials)
            .WithMessage($"Set the practice trials between 0 and {StudyLimits.MaxPracticeTrials}.");
        RuleFor(s => s.CatchTrialShare).Must(share => share is >= 0 and < 1)
            .WithMessage("Set the catch-trial share from 0% up to (not including) 100%.");
        RuleFor(s => s.Blocks).Must((s, blocks) => blocks >= 1 && blocks <= Math.Min(StudyLimits.MaxBlocks, Math.Max(1, s.TrialsPerParticipant)))
            .WithMessage(s => $"Set the blocks between 1 and {Math.Min(StudyLimits.MaxBlocks, Math.Max(1, s.TrialsPerParticipant))} (at most {StudyLimits.MaxBlocks}, and no more than the trials per participant).");
        RuleFor(s => s.RepeatProbes).GreaterThanOrEqualTo(0).WithMessage("Set the repeat probes to 0 or more.");
        // A probe repeats a trial at least RepeatProbeMinimumGap trials later, so a session must be longer than that gap.
        RuleFor(s => s.RepeatProbes)
            .Must((s, probes) => probes == 0 || (s.TrialsPerParticipant > StudyLimits.RepeatProbeMinimumGap && probes <= s.TrialsPerParticipant / 2))
            .When(s => s.RepeatProbes > 0)
            .WithMessage(s => s.TrialsPerParticipant <= StudyLimits.RepeatProbeMinimumGap
                ? $"Repeat probes come at least {StudyLimits.RepeatProbeMinimumGap} trials after the original: use more than {StudyLimits.RepeatProbeMinimumGap} trials per participant, or no repeat probes."
                : $"Use at most {s.TrialsPerParticipant / 2} repeat probes (half the trials per participant).");
        RuleFor(s => s)
            .Must(s => CatchTrials(s) + s.RepeatProbes < s.TrialsPerParticipant)
            .When(s => s.TrialsPerParticipant >= 1 && s.CatchTrialShare is >= 0 and < 1 && s.RepeatProbes >= 0)
            .WithName(nameof(Study.CatchTrialShare))
            .OverridePropertyName(nameof(Study.CatchTrialShare))
            .WithMessage(s => $"Catch trials ({CatchTrials(s)}) and repeat probes ({s.RepeatProbes}) leave no ordinary trials: lower them or add trials.");
    }

    private void AdaptiveRules()
    {
        RuleFor(s => s.AdaptiveSampling).Must((s, on) => !on || s.Design == DesignKind.BalancedRandom)
            .WithMessage("Adaptive sampling works with the balanced random design only: choose that design, or turn adaptive sampling off.");
        RuleFor(s => s.RandomArmShare).Must(share => share is >= StudyLimits.MinRandomArmShare and <= 1)
            .When(s => s.AdaptiveSampling)
            .WithMessage($"Set the random-arm share between {StudyLimits.MinRandomArmShare * 100:0}% and 100% (default {StudyLimits.DefaultRandomArmShare * 100:0}%): " +
                "a random arm keeps an unbiased sample to analyse; 100% means no adaptive trials at all.");
        RuleFor(s => s.AdaptiveScore).IsInEnum().WithMessage("Choose entropy or expected information gain as the adaptive score.");
    }

    private void TimingRules()
    {
        foreach (var (field, label) in new (System.Linq.Expressions.Expression<Func<Study, int>>, string)[]
        {
            (s => s.FixationMs, "fixation"), (s => s.InterTrialIntervalMs, "inter-trial interval"),
            (s => s.ChoiceFeedbackMs, "choice feedback"), (s => s.ResponseTimeLimitMs, "response time limit"),
            (s => s.MinimumValidRtMs, "minimum valid RT"),
        })
        {
            RuleFor(field).InclusiveBetween(0, StudyLimits.MaxTimeLimitMs)
                .WithMessage($"Set the {label} between 0 and {StudyLimits.MaxTimeLimitMs:N0} ms.");
        }
        RuleFor(s => s.BreakMaxSeconds).InclusiveBetween(0, StudyLimits.MaxTimeLimitMs / 1000)
            .WithMessage($"Set the longest break between 0 (no breaks) and {StudyLimits.MaxTimeLimitMs / 1000} seconds.");
        RuleFor(s => s.MinimumValidRtMs).Must((s, rt) => rt < s.ResponseTimeLimitMs)
            .When(s => s.ResponseTimeLimitMs > 0)
            .WithMessage(s => $"The minimum valid RT must be shorter than the response time limit ({s.ResponseTimeLimitMs:N0} ms): lower it, or raise the limit.");
    }

    private void TextRules()
    {
        RuleFor(s => s.ConsentMarkdown).MaximumLength(StudyLimits.MaxTextLength).WithMessage(TooLong("consent text"));
        RuleFor(s => s.InstructionsMarkdown).MaximumLength(StudyLimits.MaxTextLength).WithMessage(TooLong("instructions"));
        RuleFor(s => s.DebriefMarkdown).MaximumLength(StudyLimits.MaxTextLength).WithMessage(TooLong("debriefing"));
    }

    private static string TooLong(string text) => $"Shorten the {text} to at most {StudyLimits.MaxTextLength:N0} characters.";

    private void CodeRules()
    {
        foreach (var (field, label) in new (System.Linq.Expressions.Expression<Func<Study, string>>, string)[]
        {
            (s => s.CompletionCode, "completion code"), (s => s.ScreenedOutCode, "screened-out code"), (s => s.FailedChecksCode, "failed-checks code"),
        })
        {
            RuleFor(field).MaximumLength(StudyLimits.MaxCodeLength)
                .WithMessage($"Shorten the {label} to at most {StudyLimits.MaxCodeLength} characters.")
                .Matches(CodePattern)
                .WithMessage($"Use only letters, digits, '_' and '-' in the {label}.");
        }
        // Prolific and MTurk pay on the code, so a study without one may not take participants.
        RuleFor(s => s.CompletionCode).Must(c => !string.IsNullOrWhiteSpace(c))
            .When(s => s.Recruitment != RecruitmentSource.DirectLink && s.State is StudyState.Open or StudyState.Paused)
            .WithMessage(RequiredCode);
        RuleSet(OpeningRules, () =>
            RuleFor(s => s.CompletionCode).Must(c => !string.IsNullOrWhiteSpace(c))
                .When(s => s.Recruitment != RecruitmentSource.DirectLink && s.State is not (StudyState.Open or StudyState.Paused))
                .WithMessage(RequiredCode));
    }

    private static string RequiredCode(Study s) =>
        $"Enter (or generate) a completion code: {s.Recruitment} participants need it to be paid.";

    private void QcRules()
    {
        RuleFor(s => s.Qc).NotNull().WithMessage("Set the quality-control thresholds.");
        RuleFor(s => s.Qc).SetValidator(new QcPolicyValidator()).When(s => s.Qc is not null);
    }

    /// <summary>Catch trials a session gets: the share of the main trials, rounded.</summary>
    public static int CatchTrials(Study study) => (int)Math.Round(study.CatchTrialShare * study.TrialsPerParticipant, MidpointRounding.AwayFromZero);

    /// <summary>Rules for saving (the study's current state included).</summary>
    public static FluentValidation.Results.ValidationResult ValidateForSave(Study study) => new StudyValidator().Validate(study);

    /// <summary>Rules for saving plus those for taking participants.</summary>
    public static FluentValidation.Results.ValidationResult ValidateForOpening(Study study) =>
        new StudyValidator().Validate(study, o => o.IncludeRulesNotInRuleSet().IncludeRuleSets(OpeningRules));
}
