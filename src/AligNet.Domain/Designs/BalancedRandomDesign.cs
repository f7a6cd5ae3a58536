using AligNet.Domain.Studies;

namespace AligNet.Domain.Designs;

/// <summary>
/// Random triplets steered towards rare pairs, so that across everyone every pair of stimuli is shown about
/// equally often (THINGS balanced its random triplets the same way). For each trial it draws
/// <see cref="Candidates"/> random unused triplets, keeps the one whose three pairs have been shown least
/// (sum of the three pair counts), and records it in the study's coverage at once, so the next trial and the
/// next session see it (the web tier keeps the counts in PostgreSQL, read for the drawn candidates' pairs in one
/// query per batch: <see cref="DrawCandidates"/>). This "best of d random choices" keeps the spread of pair counts small at a cost
/// independent of the pool size (no scan over all pairs), which matters for pools of thousands of images.
/// </summary>
public sealed class BalancedRandomDesign(int candidates = 24) : ITrialDesign
{
    public int Candidates { get; } = candidates > 0 ? candidates : throw new ArgumentOutOfRangeException(nameof(candidates));

    public DesignKind Kind => DesignKind.BalancedRandom;
    public bool PlansWholeSession => false;

    public IReadOnlyList<PlannedTriplet> PlanMain(DesignContext context)
    {
        var candidates = context.Candidates ?? DrawCandidates(context);
        var planned = new List<PlannedTriplet>(context.MainTrials);
        for (var i = 0; i < context.MainTrials; i++)
        {
            var best = Choose(context, i < candidates.Count ? candidates[i] : []);
            context.Used.TryAdd(best.A, best.B, best.C);
            context.Coverage.Record(best.A, best.B, best.C);
            planned.Add(best);
        }
        return planned;
    }

    /// <summary>
    /// <see cref="Candidates"/> random triplets per main trial, none of them already used by this person. Drawn
    /// before choosing, so a caller whose counts live in a database can read all of their pairs in one query.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<PlannedTriplet>> DrawCandidates(DesignContext context)
    {
        var all = new List<IReadOnlyList<PlannedTriplet>>(context.MainTrials);
        for (var i = 0; i < context.MainTrials; i++)
        {
            var list = new List<PlannedTriplet>(Candidates);
            for (var c = 0; c < Candidates; c++)
                list.Add(TripletSampler.DrawUnused(context.Pool, context.Used, context.Random) ?? throw NoneLeft(context));
            all.Add(list);
        }
        return all;
    }

    // The candidate whose three pairs were shown least; candidates taken by an earlier trial of the same batch are
    // skipped, and if all were, fresh ones are drawn.
    private PlannedTriplet Choose(DesignContext context, IReadOnlyList<PlannedTriplet> candidates)
    {
        PlannedTriplet? best = null;
        var bestScore = long.MaxValue;
        foreach (var candidate in candidates)
        {
            if (context.Used.Contains(candidate.A, candidate.B, candidate.C)) continue;
            var score = Score(context.Coverage, candidate);
            if (score < bestScore) (best, bestScore) = (candidate, score);
        }
        for (var c = 0; best is null && c < Candidates; c++)
        {
            var fresh = TripletSampler.DrawUnused(context.Pool, context.Used, context.Random) ?? throw NoneLeft(context);
            var score = Score(context.Coverage, fresh);
            if (score < bestScore) (best, bestScore) = (fresh, score);
        }
        return best!;
    }

    private static long Score(IPairCoverage coverage, PlannedTriplet t) =>
        (long)coverage.CountOf(t.A, t.B) + coverage.CountOf(t.A, t.C) + coverage.CountOf(t.B, t.C);

    private static DesignException NoneLeft(DesignContext context) => new(
        $"The pool of {context.Pool.Count} stimuli has no triplet left that this person has not had; " +
        "add stimuli or lower the trials per participant.");
}
