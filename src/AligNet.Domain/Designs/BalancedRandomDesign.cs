using AligNet.Domain.Studies;

namespace AligNet.Domain.Designs;

/// <summary>
/// Random triplets steered towards rare pairs, so that across everyone every pair of stimuli is shown about
/// equally often (THINGS balanced its random triplets the same way). For each trial it draws
/// <see cref="Candidates"/> random unused triplets, keeps the one whose three pairs have been shown least
/// (sum of the three pair counts), and records it in the study's coverage at once, so the next trial and the
/// next session see it. This "best of d random choices" keeps the spread of pair counts small at a cost
/// independent of the pool size (no scan over all pairs), which matters for pools of thousands of images.
/// </summary>
public sealed class BalancedRandomDesign(int candidates = 24) : ITrialDesign
{
    public int Candidates { get; } = candidates > 0 ? candidates : throw new ArgumentOutOfRangeException(nameof(candidates));

    public DesignKind Kind => DesignKind.BalancedRandom;
    public bool PlansWholeSession => false;

    public IReadOnlyList<PlannedTriplet> PlanMain(DesignContext context)
    {
        var planned = new List<PlannedTriplet>(context.MainTrials);
        for (var i = 0; i < context.MainTrials; i++)
        {
            var best = Choose(context);
            context.Used.TryAdd(best.A, best.B, best.C);
            context.Coverage.Record(best.A, best.B, best.C);
            planned.Add(best);
        }
        return planned;
    }

    private PlannedTriplet Choose(DesignContext context)
    {
        PlannedTriplet? best = null;
        var bestScore = long.MaxValue;
        for (var c = 0; c < Candidates; c++)
        {
            var candidate = TripletSampler.DrawUnused(context.Pool, context.Used, context.Random)
                ?? throw new DesignException(
                    $"The pool of {context.Pool.Count} stimuli has no triplet left that this person has not had; " +
                    "add stimuli or lower the trials per participant.");
            var score = (long)context.Coverage.CountOf(candidate.A, candidate.B)
                + context.Coverage.CountOf(candidate.A, candidate.C)
                + context.Coverage.CountOf(candidate.B, candidate.C);
            if (score < bestScore) (best, bestScore) = (candidate, score);
            if (score == 0) break; // nothing beats three unseen pairs
        }
        return best!;
    }
}
