using AligNet.Domain.Studies;

namespace AligNet.Domain.Quality;

/// <summary>
/// The THINGS speed rule (Hebart et al. 2023; ../shared/docs/PROTOCOL.md), applied within one session.
/// Exactly:
/// <list type="number">
/// <item>The session's answers with a choice (not practice, not timeouts, which count as missed responses), in
/// trial order, are cut into consecutive tasks of <see cref="QcPolicy.SpeedTaskLength"/> answers, as THINGS
/// judged each 20-trial HIT.</item>
/// <item>At the end a shorter last task is judged too when it has at least half the task length; while the
/// session runs only complete tasks are judged, so a live verdict never has to be taken back.</item>
/// <item>A task is too fast when more than <see cref="QcPolicy.FastShareLimit"/> of its RTs are under
/// <see cref="QcPolicy.FastRtMs"/> AND more than <see cref="QcPolicy.SlowShareLimit"/> are under
/// <see cref="QcPolicy.SlowRtMs"/>.</item>
/// <item>At least <see cref="QcPolicy.TooFastTasksToExclude"/> too-fast tasks exclude the session (THINGS' worker
/// rule); at least one flags it; so does the whole session taken as one task meeting the criterion (with at
/// least half a task of answers), which catches short sessions and fast answers spread thinly over tasks.</item>
/// </list>
/// </summary>
public static class SpeedRule
{
    public sealed record Result(int Tasks, int TooFastTasks, bool Excludes, bool SessionTooFast, double FastShare, double SlowShare, int Answers);

    public static Result Judge(QcPolicy policy, IReadOnlyList<double> rtsInOrder, bool final)
    {
        var length = Math.Max(1, policy.SpeedTaskLength);
        int tasks = 0, tooFast = 0;
        for (var start = 0; start < rtsInOrder.Count; start += length)
        {
            var count = Math.Min(length, rtsInOrder.Count - start);
            var judged = count == length || (final && 2 * count >= length);
            if (!judged) continue;
            tasks++;
            if (IsTooFast(policy, rtsInOrder.Skip(start).Take(count).ToList(), out _, out _)) tooFast++;
        }

        var sessionTooFast = IsTooFast(policy, rtsInOrder, out var fastShare, out var slowShare) && 2 * rtsInOrder.Count >= length;
        return new Result(tasks, tooFast, tooFast >= policy.TooFastTasksToExclude, sessionTooFast, fastShare, slowShare, rtsInOrder.Count);
    }

    public static bool IsTooFast(QcPolicy policy, IReadOnlyList<double> rts, out double fastShare, out double slowShare)
    {
        fastShare = slowShare = 0;
        if (rts.Count == 0) return false;
        fastShare = (double)rts.Count(rt => rt < policy.FastRtMs) / rts.Count;
        slowShare = (double)rts.Count(rt => rt < policy.SlowRtMs) / rts.Count;
        return fastShare > policy.FastShareLimit && slowShare > policy.SlowShareLimit;
    }
}
