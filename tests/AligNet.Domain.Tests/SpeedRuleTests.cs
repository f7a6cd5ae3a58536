using AligNet.Domain.Participation;
using AligNet.Domain.Quality;
using AligNet.Domain.Studies;

namespace AligNet.Domain.Tests;

/// <summary>The THINGS speed rule: tasks of 20 answers; too fast = > 25% under 800 ms and > 50% under 1,100 ms.</summary>
public class SpeedRuleTests
{
    private static readonly QcPolicy Policy = new();

    /// <summary>A task of 20 answers: <paramref name="under800"/> at 600 ms, <paramref name="under1100"/> at 950 ms, the rest at 2,500 ms.</summary>
    private static double[] Task(int under800, int under1100) =>
        [.. Enumerable.Repeat(600.0, under800), .. Enumerable.Repeat(950.0, under1100), .. Enumerable.Repeat(2500.0, 20 - under800 - under1100)];

    private static QcReport Final(params double[][] tasks) =>
        QcEvaluator.Evaluate(Policy, new QcSessions().Main(tasks.SelectMany(t => t).ToArray()).Trials, final: true);

    [Theory]
    [InlineData(5, 7, false)] // exactly 25% under 800 ms is not "more than"
    [InlineData(6, 5, true)]  // 30% and 55%
    [InlineData(6, 4, false)] // 30% but exactly 50% under 1,100 ms
    [InlineData(0, 20, false)] // slow-ish but never under 800 ms
    [InlineData(20, 0, true)]
    public void A_task_is_too_fast_only_when_both_shares_are_exceeded(int under800, int between, bool tooFast)
    {
        Assert.Equal(tooFast, SpeedRule.IsTooFast(Policy, Task(under800, between), out _, out _));
    }

    [Fact]
    public void A_THINGS_style_fast_responder_is_excluded_after_five_too_fast_tasks_and_stopped_live()
    {
        // Answers a little over half a second, as the fast MTurk workers THINGS removed.
        var rts = Enumerable.Range(0, 100).Select(i => 550.0 + i % 7 * 40).ToArray();
        var session = new QcSessions().Main(rts);

        var final = QcEvaluator.Evaluate(Policy, session.Trials, final: true);
        Assert.Equal(QcStatus.Excluded, final.Status);
        Assert.Equal((5, 5), (final.Metrics.TooFastTasks, final.Metrics.SpeedTasks));
        Assert.StartsWith("too fast in 5 of 5 tasks of 20 answers (≥ 5 excludes", Assert.Single(final.Reasons));
        Assert.Contains("more than 25% of answers < 800 ms and more than 50% < 1,100 ms", final.Reasons[0]);

        var live = QcEvaluator.Evaluate(Policy, session.Unanswered(50).Trials, final: false);
        Assert.Equal((QcStatus.Excluded, true), (live.Status, live.StopEarly));
    }

    [Fact]
    public void Four_too_fast_tasks_flag_and_five_exclude()
    {
        var fast = Task(10, 5);
        var normal = Task(0, 2);

        Assert.Equal(QcStatus.Flagged, Final(fast, normal, fast, fast, normal, fast).Status);
        Assert.Equal(QcStatus.Excluded, Final(fast, normal, fast, fast, normal, fast, fast).Status);
        Assert.Equal(QcStatus.Valid, Final(normal, normal, normal).Status);
    }

    [Fact]
    public void A_partial_last_task_counts_at_the_end_from_half_the_task_length()
    {
        var normal = Task(0, 2);
        var tenFast = Enumerable.Repeat(600.0, 10).ToArray();
        var nineFast = Enumerable.Repeat(600.0, 9).ToArray();

        var half = Final(normal, normal, normal, normal, tenFast);
        Assert.Equal((5, 1, QcStatus.Flagged), (half.Metrics.SpeedTasks, half.Metrics.TooFastTasks, half.Status));
        var under = Final(normal, normal, normal, normal, nineFast);
        Assert.Equal((4, 0, QcStatus.Valid), (under.Metrics.SpeedTasks, under.Metrics.TooFastTasks, under.Status));
    }

    [Fact]
    public void Live_only_complete_tasks_are_judged()
    {
        var trials = new QcSessions().Main(Task(0, 2)).Main(Enumerable.Repeat(600.0, 15).ToArray()).Unanswered(30).Trials;

        var live = QcEvaluator.Evaluate(Policy, trials, final: false);

        Assert.Equal((1, 0), (live.Metrics.SpeedTasks, live.Metrics.TooFastTasks));
    }

    [Fact]
    public void A_session_too_fast_as_a_whole_is_flagged_even_when_no_single_task_is()
    {
        // Task A: 50% under 800 ms but only 50% under 1,100 ms; task B: 5% under 800 ms. Together: 27.5% and 75%.
        double[] a = [.. Enumerable.Repeat(600.0, 10), .. Enumerable.Repeat(2500.0, 10)];
        double[] b = [600.0, .. Enumerable.Repeat(950.0, 19)];

        var report = Final(a, b);

        Assert.Equal(0, report.Metrics.TooFastTasks);
        Assert.Equal(QcStatus.Flagged, report.Status);
        Assert.Equal(["too fast over the whole session: 27.5% of 40 answers < 800 ms and 75% < 1,100 ms"], report.Reasons);
    }

    [Fact]
    public void Timeouts_are_missed_responses_not_slow_answers_in_the_speed_rule()
    {
        var session = new QcSessions().Main(Enumerable.Repeat(600.0, 20).ToArray()).Missed(10);

        var report = QcEvaluator.Evaluate(Policy, session.Trials, final: true);

        Assert.Equal((1, 1), (report.Metrics.SpeedTasks, report.Metrics.TooFastTasks));
    }
}
