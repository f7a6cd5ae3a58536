using AligNet.Domain.Participation;
using AligNet.Domain.Studies;

namespace AligNet.Domain.Designs;

/// <summary>
/// Plans a whole session: practice trials, the design's main trials, catch trials and repeat probes mixed in,
/// blocks, and randomised screen positions. Deterministic for a seed and a given state of the pair coverage.
/// </summary>
/// <remarks>
/// Shape of a plan (indices 0 … PracticeTrials + TrialsPerParticipant − 1):
/// practice first (block 0; easy catch-like triplets with an expected answer for feedback, or random triplets
/// when the pool has no categories), then <see cref="Study.TrialsPerParticipant"/> trials — main, catch
/// (round(CatchTrialShare × TrialsPerParticipant), laid out by <see cref="SessionLayout"/>) and repeat probes —
/// split into blocks 1 … <see cref="Study.Blocks"/> whose sizes differ by at most one. Fixed lists set the
/// trials after practice themselves. No unordered triplet is given twice to one person except as a repeat probe.
/// Only main trials are recorded in the pair coverage: catch triplets are attention checks, not data to balance.
/// </remarks>
public static class SessionPlanner
{
    private static readonly ITrialDesign[] Designs = [new BalancedRandomDesign(), new FixedListDesign()];

    public static IReadOnlyList<PlannedTrial> Plan(SessionPlanRequest request) => Plan(request, DesignFor(request.Study.Design));

    /// <summary>Plans with a given design (adaptive designs, tests); the study's <see cref="Study.Design"/> is not consulted.</summary>
    public static IReadOnlyList<PlannedTrial> Plan(SessionPlanRequest request, ITrialDesign design)
    {
        var study = request.Study;
        var pool = request.Pool.DistinctBy(s => s.Id).ToList();
        var errors = DesignCheck.Validate(study, pool, design.PlansWholeSession ? request.FixedList : null)
            .Where(p => p.Severity == DesignProblemSeverity.Error).Select(p => p.Message).ToList();
        if (errors.Count > 0) throw new DesignException(string.Join(" ", errors));

        var random = new Random(request.Seed);
        var used = new UsedTriplets();
        var catchTriplets = new CatchTriplets(pool);

        SessionLayout? layout = null;
        var catchCount = 0;
        if (!design.PlansWholeSession)
        {
            catchCount = SessionLayout.CatchCount(study);
            layout = SessionLayout.Build(study.TrialsPerParticipant, catchCount, study.RepeatProbes, random);
        }

        var mainCount = study.TrialsPerParticipant - catchCount - study.RepeatProbes;
        var context = new DesignContext(study, pool, request.Coverage, request.FixedList, mainCount, used, random);
        var main = design.PlanMain(context);
        if (!design.PlansWholeSession && main.Count != mainCount)
            throw new InvalidOperationException($"Design {design.Kind} planned {main.Count} main trials instead of {mainCount}.");

        var checks = Enumerable.Range(0, catchCount).Select(_ => catchTriplets.Draw(random, used, TrialKind.Catch)
            ?? throw new DesignException($"The stimuli's categories do not make {catchCount} different catch triplets; lower the catch-trial share or add categorised stimuli.")).ToList();
        var practice = Enumerable.Range(0, study.PracticeTrials).Select(_ => DrawPractice(pool, catchTriplets, used, random)).ToList();

        IReadOnlyList<PlannedTriplet?> body = layout is null ? [.. main] : Interleave(layout, main, checks);
        return Assemble(practice, body, layout, Math.Max(1, study.Blocks), random);
    }

    public static ITrialDesign DesignFor(DesignKind kind) =>
        Designs.FirstOrDefault(d => d.Kind == kind) ?? throw new DesignException($"No design is implemented for {kind}.");

    private static PlannedTriplet DrawPractice(IReadOnlyList<DesignStimulus> pool, CatchTriplets catchTriplets, UsedTriplets used, Random random)
    {
        if (catchTriplets.Available && catchTriplets.Draw(random, used, TrialKind.Practice) is { } easy) return easy;
        var any = TripletSampler.DrawUnused(pool, used, random)
            ?? throw new DesignException("The pool has no triplet left for practice; add stimuli or lower the practice trials.");
        used.TryAdd(any.A, any.B, any.C);
        return any with { Kind = TrialKind.Practice };
    }

    // Main triplets in the order the design gave them, catch triplets in the catch slots; repeat slots stay null.
    private static PlannedTriplet?[] Interleave(SessionLayout layout, IReadOnlyList<PlannedTriplet> main, List<PlannedTriplet> checks)
    {
        var body = new PlannedTriplet?[layout.Kinds.Count];
        int m = 0, c = 0;
        for (var slot = 0; slot < body.Length; slot++)
        {
            body[slot] = layout.Kinds[slot] switch
            {
                TrialKind.Main => main[m++],
                TrialKind.Catch => checks[c++],
                _ => null,
            };
        }
        return body;
    }

    private static List<PlannedTrial> Assemble(
        List<PlannedTriplet> practice, IReadOnlyList<PlannedTriplet?> body, SessionLayout? layout, int blocks, Random random)
    {
        var trials = new List<PlannedTrial>(practice.Count + body.Count);
        foreach (var triplet in practice) trials.Add(Place(trials.Count, 0, triplet, ScreenPositions.Draw(random), null));

        var permutationOf = new int[body.Count];
        blocks = Math.Min(blocks, Math.Max(1, body.Count));
        for (var slot = 0; slot < body.Count; slot++)
        {
            var block = 1 + (int)((long)slot * blocks / body.Count);
            var original = layout?.RepeatOf[slot] ?? -1;
            if (original >= 0)
            {
                var first = body[original]!;
                permutationOf[slot] = ScreenPositions.DrawOtherThan(random, permutationOf[original]);
                var repeat = first with { Kind = TrialKind.RepeatProbe, OddOneOut = null };
                trials.Add(Place(trials.Count, block, repeat, permutationOf[slot], practice.Count + original));
            }
            else
            {
                permutationOf[slot] = ScreenPositions.Draw(random);
                trials.Add(Place(trials.Count, block, body[slot]!, permutationOf[slot], null));
            }
        }
        return trials;
    }

    private static PlannedTrial Place(int index, int block, PlannedTriplet triplet, int permutation, int? repeatOf)
    {
        var order = ScreenPositions.Permutations[permutation];
        Guid[] members = [triplet.A, triplet.B, triplet.C];
        var screen = order.Select(i => members[i]).ToArray();
        int? expected = triplet.OddOneOut is { } odd ? Array.IndexOf(screen, odd) : null;
        return new PlannedTrial(index, block, triplet.Kind, screen[0], screen[1], screen[2], expected, repeatOf, triplet.Condition);
    }
}
