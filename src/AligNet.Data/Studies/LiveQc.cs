using AligNet.Domain.Quality;
using AligNet.Domain.Studies;

namespace AligNet.Data.Studies;

/// <summary>QC of a running session, for researchers' pages; never lets a missing evaluator break a page.</summary>
public static class LiveQc
{
    public const string PendingReason = "QC pending";

    /// <summary>The live verdict, or null when the evaluator is not available yet.</summary>
    public static QcReport? TryEvaluate(QcPolicy policy, IReadOnlyList<QcTrial> trials)
    {
        try
        {
            return QcEvaluator.Evaluate(policy, trials, final: false);
        }
        catch (NotImplementedException)
        {
            // QcEvaluator came from another branch; should an evaluator ever be missing again, the page says "QC pending" instead of failing.
            return null;
        }
    }
}
