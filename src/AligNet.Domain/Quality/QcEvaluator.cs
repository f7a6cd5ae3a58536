using AligNet.Domain.Participation;
using AligNet.Domain.Studies;
using static AligNet.Domain.Quality.QcText;

namespace AligNet.Domain.Quality;

/// <summary>
/// Judges a session against its study's <see cref="QcPolicy"/>: live while it runs (<c>final: false</c>), and at
/// its end. Only main, catch and repeat-probe trials count; practice never does. Rules:
/// <list type="bullet">
/// <item>Missed responses (answered trials without a choice, i.e. timeouts) above
/// <see cref="QcPolicy.MaxMissedResponses"/> exclude.</item>
/// <item>Catch accuracy (correct / catch trials answered with a choice and a known expected answer; a timed-out
/// catch trial counts only as a missed response) below <see cref="QcPolicy.MinCatchAccuracy"/> excludes at the end.</item>
/// <item>The THINGS speed rule (<see cref="SpeedRule"/>) excludes or flags.</item>
/// <item>Position bias (the largest share of choices on one screen position, with at least
/// <see cref="QcPolicy.PositionBiasMinimumAnswers"/> choices) excludes or flags.</item>
/// <item>Focus lost on more than <see cref="QcPolicy.FocusLossFlagShare"/> of answered trials flags.</item>
/// </list>
/// Repeat-probe consistency (the same stimulus chosen on both showings; THINGS' within-person ceiling is 86%) is
/// reported in the metrics, not judged. Status: Excluded if any rule excludes, else Flagged if any flags, else
/// Valid at the end and Pending while live. Live, <see cref="QcReport.StopEarly"/> is set only for exclusions that
/// no later answer can undo: too many missed responses, a catch accuracy that cannot reach the threshold even if
/// every remaining catch trial is answered correctly, and too-fast tasks (only complete tasks are judged live).
/// </summary>
public static class QcEvaluator
{
    public static QcReport Evaluate(QcPolicy policy, IReadOnlyList<QcTrial> trials, bool final)
    {
        var counted = trials.Where(t => t.Kind != TrialKind.Practice).OrderBy(t => t.Index).ToList();
        var answered = counted.Where(t => t.Answered).ToList();
        var chosen = answered.Where(t => t.ChosenPosition is not null).ToList();
        var verdict = new Verdict();

        var missed = answered.Count - chosen.Count;
        if (missed > policy.MaxMissedResponses)
            verdict.Exclude($"{missed} missed responses > {policy.MaxMissedResponses} allowed", certain: true);

        var (catchTrials, catchCorrect, catchAccuracy) = JudgeCatch(policy, counted, final, verdict);

        var rts = chosen.Where(t => t.RtMs is not null).Select(t => t.RtMs!.Value).ToList();
        var speed = SpeedRule.Judge(policy, rts, final);
        JudgeSpeed(policy, speed, verdict);

        var shares = PositionShares(chosen);
        JudgePositions(policy, shares, chosen.Count, verdict);

        var focusLosses = answered.Count(t => t.FocusLost);
        if (answered.Count > 0 && (double)focusLosses / answered.Count > policy.FocusLossFlagShare)
            verdict.Flag($"focus lost on {focusLosses} of {answered.Count} trials = {Percent((double)focusLosses / answered.Count)} > {Percent(policy.FocusLossFlagShare)}");

        var (probes, consistent) = RepeatConsistency(counted);
        var metrics = new QcMetrics(
            answered.Count, missed, speed.TooFastTasks, speed.Tasks, Median(rts),
            catchTrials, catchCorrect, catchAccuracy, shares,
            probes, consistent, probes > 0 ? (double)consistent / probes : null,
            focusLosses);

        var status = verdict.Excluded ? QcStatus.Excluded
            : verdict.Flagged ? QcStatus.Flagged
            : final ? QcStatus.Valid : QcStatus.Pending;
        return new QcReport(status, verdict.Reasons, metrics, StopEarly: !final && verdict.Certain);
    }

    private static (int Trials, int Correct, double? Accuracy) JudgeCatch(QcPolicy policy, List<QcTrial> counted, bool final, Verdict verdict)
    {
        var scorable = counted.Where(t => t.Kind == TrialKind.Catch && t.ExpectedPosition is not null).ToList();
        var answered = scorable.Where(t => t.Answered && t.ChosenPosition is not null).ToList();
        var correct = answered.Count(t => t.ChosenPosition == t.ExpectedPosition);
        double? accuracy = answered.Count > 0 ? (double)correct / answered.Count : null;
        var remaining = scorable.Count(t => !t.Answered);

        if (final && accuracy < policy.MinCatchAccuracy)
            verdict.Exclude($"catch accuracy {correct}/{answered.Count} = {Percent(accuracy.Value)} < {Percent(policy.MinCatchAccuracy)}", certain: true);
        else if (!final && accuracy < policy.MinCatchAccuracy)
        {
            var best = (double)(correct + remaining) / (answered.Count + remaining);
            if (best < policy.MinCatchAccuracy)
                verdict.Exclude(
                    $"catch accuracy {correct}/{answered.Count} = {Percent(accuracy.Value)} < {Percent(policy.MinCatchAccuracy)}, " +
                    $"and at most {Percent(best)} even if the {remaining} remaining catch trials are answered correctly", certain: true);
        }
        return (answered.Count, correct, accuracy);
    }

    private static void JudgeSpeed(QcPolicy policy, SpeedRule.Result speed, Verdict verdict)
    {
        var criterion = $"more than {Percent(policy.FastShareLimit)} of answers < {Ms(policy.FastRtMs)} and more than {Percent(policy.SlowShareLimit)} < {Ms(policy.SlowRtMs)}";
        var tasks = $"too fast in {speed.TooFastTasks} of {speed.Tasks} tasks of {policy.SpeedTaskLength} answers";
        if (speed.Excludes)
            verdict.Exclude($"{tasks} (≥ {policy.TooFastTasksToExclude} excludes; too fast = {criterion})", certain: true);
        else if (speed.TooFastTasks > 0)
            verdict.Flag($"{tasks} (too fast = {criterion})");
        if (!speed.Excludes && speed.SessionTooFast)
            verdict.Flag($"too fast over the whole session: {Percent(speed.FastShare)} of {speed.Answers} answers < {Ms(policy.FastRtMs)} " +
                $"and {Percent(speed.SlowShare)} < {Ms(policy.SlowRtMs)}");
    }

    private static double[] PositionShares(List<QcTrial> chosen)
    {
        var shares = new double[3];
        if (chosen.Count == 0) return shares;
        foreach (var t in chosen) if (t.ChosenPosition is >= 0 and <= 2) shares[t.ChosenPosition.Value]++;
        for (var p = 0; p < 3; p++) shares[p] /= chosen.Count;
        return shares;
    }

    private static void JudgePositions(QcPolicy policy, double[] shares, int choices, Verdict verdict)
    {
        if (choices < policy.PositionBiasMinimumAnswers) return;
        var top = Array.IndexOf(shares, shares.Max());
        var text = $"position bias: {Percent(shares[top])} of {choices} answers on the {Position(top)}";
        if (shares[top] >= policy.PositionBiasExcludeShare)
            verdict.Exclude($"{text} (≥ {Percent(policy.PositionBiasExcludeShare)} excludes)", certain: false);
        else if (shares[top] >= policy.PositionBiasFlagShare)
            verdict.Flag($"{text} (≥ {Percent(policy.PositionBiasFlagShare)})");
    }

    private static (int Probes, int Consistent) RepeatConsistency(List<QcTrial> counted)
    {
        var byIndex = counted.DistinctBy(t => t.Index).ToDictionary(t => t.Index);
        int probes = 0, consistent = 0;
        foreach (var probe in counted.Where(t => t.Kind == TrialKind.RepeatProbe && t.ChosenStimulusId is not null))
        {
            if (probe.RepeatOfIndex is not { } of || !byIndex.TryGetValue(of, out var first) || first.ChosenStimulusId is null) continue;
            probes++;
            if (first.ChosenStimulusId == probe.ChosenStimulusId) consistent++;
        }
        return (probes, consistent);
    }

    private static double? Median(List<double> values)
    {
        if (values.Count == 0) return null;
        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private sealed class Verdict
    {
        private readonly List<string> _reasons = [];
        public IReadOnlyList<string> Reasons => _reasons;
        public bool Excluded { get; private set; }
        public bool Flagged { get; private set; }
        /// <summary>An exclusion no later answer can undo.</summary>
        public bool Certain { get; private set; }

        public void Exclude(string reason, bool certain)
        {
            _reasons.Add(reason);
            Excluded = true;
            Certain |= certain;
        }

        public void Flag(string reason)
        {
            _reasons.Add(reason);
            Flagged = true;
        }
    }
}
