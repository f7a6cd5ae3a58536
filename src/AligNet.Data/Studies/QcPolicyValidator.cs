using AligNet.Domain.Studies;
using FluentValidation;

namespace AligNet.Data.Studies;

/// <summary>Bounds of the quality-control thresholds; shares are fractions in the model and percent in the form.</summary>
public sealed class QcPolicyValidator : AbstractValidator<QcPolicy>
{
    public QcPolicyValidator()
    {
        RuleFor(q => q.SpeedTaskLength).InclusiveBetween(1, StudyLimits.MaxTrialsPerParticipant)
            .WithMessage("Set the speed-rule task length to at least 1 trial (THINGS: 20).");
        Share(q => q.FastShareLimit, "too-fast share");
        Share(q => q.SlowShareLimit, "too-slow share");
        Share(q => q.MinCatchAccuracy, "minimum catch accuracy");
        Share(q => q.PositionBiasFlagShare, "position-bias flag share");
        Share(q => q.PositionBiasExcludeShare, "position-bias exclusion share");
        Share(q => q.FocusLossFlagShare, "focus-loss flag share");
        RuleFor(q => q.FastRtMs).InclusiveBetween(0, StudyLimits.MaxTimeLimitMs).WithMessage("Set the fast RT between 0 and 120,000 ms (THINGS: 800).");
        RuleFor(q => q.SlowRtMs).InclusiveBetween(0, StudyLimits.MaxTimeLimitMs).WithMessage("Set the slow RT between 0 and 120,000 ms (THINGS: 1,100).");
        RuleFor(q => q.TooFastTasksToExclude).GreaterThanOrEqualTo(1).WithMessage("Set the too-fast tasks that exclude a session to 1 or more (THINGS: 5).");
        RuleFor(q => q.MaxMissedResponses).GreaterThanOrEqualTo(0).WithMessage("Set the allowed missed responses to 0 or more (Levels: 10).");
        RuleFor(q => q.PositionBiasMinimumAnswers).GreaterThanOrEqualTo(1).WithMessage("Judge position bias from at least 1 answer (default 20).");
        RuleFor(q => q.PositionBiasExcludeShare).GreaterThanOrEqualTo(q => q.PositionBiasFlagShare)
            .WithMessage("The position-bias exclusion share must be at least the flag share.");
    }

    private void Share(System.Linq.Expressions.Expression<Func<QcPolicy, double>> field, string label) =>
        RuleFor(field).InclusiveBetween(0, 1).WithMessage($"Set the {label} between 0% and 100%.");
}
