using AligNet.Domain.Participation;
using AligNet.Domain.Quality;
using AligNet.Domain.Studies;

namespace AligNet.Domain.Tests;

public class QcEvaluatorTests
{
    private static readonly QcPolicy Policy = new();

    private static QcReport Final(QcSessions s) => QcEvaluator.Evaluate(Policy, s.Trials, final: true);
    private static QcReport Live(QcSessions s) => QcEvaluator.Evaluate(Policy, s.Trials, final: false);

    [Fact]
    public void A_clean_session_is_valid_at_the_end_and_pending_while_live()
    {
        var session = new QcSessions().Practice(6).Main(40, 2500).Catch(correct: 4, wrong: 0);

        var final = Final(session);
        Assert.Equal(QcStatus.Valid, final.Status);
        Assert.Empty(final.Reasons);
        Assert.False(final.StopEarly);
        Assert.Equal(44, final.Metrics.Answered); // practice does not count
        Assert.Equal(1.0, final.Metrics.CatchAccuracy);
        Assert.Equal((QcStatus.Pending, false), (Live(session).Status, Live(session).StopEarly));
    }

    [Fact]
    public void Practice_trials_never_count()
    {
        // 40 instant practice answers on one position would break every rule if they counted.
        var session = new QcSessions().Practice(40, rt: 100).Main(30, 2500);

        Assert.Equal(QcStatus.Valid, Final(session).Status);
        Assert.Equal(30, Final(session).Metrics.Answered);
    }

    [Fact]
    public void More_than_the_allowed_missed_responses_exclude_and_stop_a_live_session()
    {
        var allowed = new QcSessions().Main(30, 2500).Missed(10);
        var tooMany = new QcSessions().Main(30, 2500).Missed(11);

        Assert.Equal(QcStatus.Valid, Final(allowed).Status);
        Assert.Equal(10, Final(allowed).Metrics.Missed);
        var report = Final(tooMany);
        Assert.Equal(QcStatus.Excluded, report.Status);
        Assert.Equal(["11 missed responses > 10 allowed"], report.Reasons);
        Assert.False(report.StopEarly);
        Assert.Equal((QcStatus.Excluded, true), (Live(tooMany).Status, Live(tooMany).StopEarly));
    }

    [Fact]
    public void Catch_accuracy_below_the_threshold_excludes_at_the_end_with_the_figures()
    {
        var justEnough = new QcSessions().Main(30, 2500).Catch(correct: 9, wrong: 1);
        var tooLow = new QcSessions().Main(30, 2500).Catch(correct: 7, wrong: 3);

        Assert.Equal(QcStatus.Valid, Final(justEnough).Status); // 90% is not below 90%
        var report = Final(tooLow);
        Assert.Equal(QcStatus.Excluded, report.Status);
        Assert.Equal(["catch accuracy 7/10 = 70% < 90%"], report.Reasons);
        Assert.Equal((10, 7, 0.7), (report.Metrics.CatchTrials, report.Metrics.CatchCorrect, report.Metrics.CatchAccuracy!.Value));
    }

    [Fact]
    public void A_timed_out_catch_trial_counts_as_missed_not_as_a_wrong_catch_answer()
    {
        var report = Final(new QcSessions().Main(30, 2500).Catch(correct: 9, wrong: 0, missed: 2));

        Assert.Equal(QcStatus.Valid, report.Status);
        Assert.Equal((9, 2), (report.Metrics.CatchTrials, report.Metrics.Missed));
    }

    [Fact]
    public void Live_a_session_stops_only_when_the_catch_threshold_is_out_of_reach()
    {
        // 1 wrong of 2 answered, 8 catch trials to come: 9/10 = 90% is still reachable.
        var reachable = new QcSessions().Main(20, 2500).Catch(correct: 1, wrong: 1).Unanswered(8, TrialKind.Catch).Unanswered(20);
        // 2 wrong of 3 answered, 8 to come: at most 9/11 = 81.8%.
        var lost = new QcSessions().Main(20, 2500).Catch(correct: 1, wrong: 2).Unanswered(8, TrialKind.Catch).Unanswered(20);

        Assert.Equal((QcStatus.Pending, false), (Live(reachable).Status, Live(reachable).StopEarly));
        var report = Live(lost);
        Assert.Equal((QcStatus.Excluded, true), (report.Status, report.StopEarly));
        Assert.Contains("at most 81.8% even if the 8 remaining catch trials are answered correctly", Assert.Single(report.Reasons));
    }

    [Fact]
    public void Position_bias_flags_then_excludes_but_only_with_enough_answers()
    {
        var flagged = Final(new QcSessions().AnsweredAt(0, 12).AnsweredAt(1, 4).AnsweredAt(2, 4));
        var excluded = Final(new QcSessions().AnsweredAt(2, 16).AnsweredAt(1, 4));
        var tooFew = Final(new QcSessions().AnsweredAt(0, 19));

        Assert.Equal(QcStatus.Flagged, flagged.Status);
        Assert.Equal(["position bias: 60% of 20 answers on the left (≥ 60%)"], flagged.Reasons);
        Assert.Equal(QcStatus.Excluded, excluded.Status);
        Assert.Equal(["position bias: 80% of 20 answers on the right (≥ 80% excludes)"], excluded.Reasons);
        Assert.Equal([0, 0.2, 0.8], excluded.Metrics.PositionShares);
        Assert.Equal(QcStatus.Valid, tooFew.Status);
    }

    [Fact]
    public void Position_bias_live_excludes_but_does_not_stop_because_later_answers_can_even_it_out()
    {
        var report = Live(new QcSessions().AnsweredAt(0, 20).Unanswered(40));

        Assert.Equal((QcStatus.Excluded, false), (report.Status, report.StopEarly));
    }

    [Fact]
    public void Losing_focus_on_too_many_trials_flags()
    {
        var within = Final(new QcSessions().Main(16, 2500).FocusLost(4));
        var beyond = Final(new QcSessions().Main(15, 2500).FocusLost(5));

        Assert.Equal(QcStatus.Valid, within.Status);
        Assert.Equal(4, within.Metrics.FocusLosses);
        Assert.Equal(QcStatus.Flagged, beyond.Status);
        Assert.Equal(["focus lost on 5 of 20 trials = 25% > 20%"], beyond.Reasons);
    }

    [Fact]
    public void Repeat_probe_consistency_is_reported_not_judged()
    {
        Guid a = Guid.NewGuid(), b = Guid.NewGuid();
        var report = Final(new QcSessions().Main(20, 2500).RepeatPair(a, a).RepeatPair(b, b).RepeatPair(a, b));

        Assert.Equal((3, 2), (report.Metrics.RepeatProbes, report.Metrics.RepeatConsistent));
        Assert.Equal(2.0 / 3, report.Metrics.RepeatConsistency!.Value, 1e-12);
        Assert.Equal(QcStatus.Valid, report.Status);
    }

    [Fact]
    public void Exclusions_win_over_flags_and_every_reason_is_kept()
    {
        var report = Final(new QcSessions().Main(15, 2500).FocusLost(8).Missed(11)); // focus lost on 8 of 34 trials

        Assert.Equal(QcStatus.Excluded, report.Status);
        Assert.Equal(2, report.Reasons.Count);
    }

    [Fact]
    public void The_median_rt_is_over_answered_choices()
    {
        var report = Final(new QcSessions().Main(1000, 2000, 3000, 4000).Missed(1).Practice(1, rt: 1));

        Assert.Equal(2500, report.Metrics.MedianRtMs);
    }

    [Fact]
    public void Thresholds_come_from_the_policy()
    {
        var strict = new QcPolicy { MaxMissedResponses = 2, MinCatchAccuracy = 1.0 };
        var session = new QcSessions().Main(30, 2500).Missed(3).Catch(correct: 9, wrong: 1);

        var report = QcEvaluator.Evaluate(strict, session.Trials, final: true);

        Assert.Equal(["3 missed responses > 2 allowed", "catch accuracy 9/10 = 90% < 100%"], report.Reasons);
    }
}
