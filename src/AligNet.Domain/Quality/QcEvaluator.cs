using AligNet.Domain.Studies;

namespace AligNet.Domain.Quality;

/// <summary>Judges a session against its study's <see cref="QcPolicy"/>: live while it runs, and at its end.</summary>
public static class QcEvaluator
{
    public static QcReport Evaluate(QcPolicy policy, IReadOnlyList<QcTrial> trials, bool final) =>
        throw new NotImplementedException("Being written on branch issue-3-designs.");
}
