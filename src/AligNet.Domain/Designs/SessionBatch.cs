using AligNet.Domain.Participation;

namespace AligNet.Domain.Designs;

/// <summary>
/// Plans the next trials of a session, from the first one not yet planned up to a given index: what a session start
/// used to do for the whole session, now done a batch at a time when the browser asks for trials (ADR-018). Every
/// guarantee of a whole plan holds across batches because everything a batch depends on is either derived from the
/// session's seed or read from the trials already stored:
/// <list type="bullet">
/// <item>the layout (which slot is main, catch or repeat probe, and what each probe repeats) is built from the seed
/// alone, so every batch of one session sees the same layout; blocks follow from the slot;</item>
/// <item>no triplet twice: the stored trials seed the person's <see cref="UsedTriplets"/>;</item>
/// <item>a repeat probe's original lies at least <see cref="Studies.StudyLimits.RepeatProbeMinimumGap"/> slots
/// earlier and batches are planned in order, so it is always stored (or in this batch) when the probe is planned;</item>
/// <item>pair coverage is read and written by the caller (PostgreSQL for the web tier): <see cref="PairsToRead"/>
/// names the pairs whose counts the design will look at, before <see cref="Plan"/> needs them.</item>
/// </list>
/// </summary>
public sealed class SessionBatch
{
    private readonly SessionPlanRequest _request;
    private readonly ITrialDesign _design;
    private readonly IReadOnlyList<PlannedTrial> _stored;
    private readonly SessionLayout? _layout;
    private readonly DesignContext _context;
    private readonly int _practice, _body, _upTo;

    /// <summary>Adaptive studies: the arm the seeded coin gave each main slot of this batch, in order; null otherwise.</summary>
    private readonly IReadOnlyList<TrialArm>? _arms;

    private SessionBatch(SessionPlanRequest request, ITrialDesign design, IReadOnlyList<PlannedTrial> stored, int upTo)
    {
        (_request, _design, _stored) = (request, design, stored);
        var study = request.Study;
        var pool = request.Pool.DistinctBy(s => s.Id).ToList();
        _practice = study.PracticeTrials;
        if (!design.PlansWholeSession)
        {
            _layout = SessionLayout.Build(study.TrialsPerParticipant, SessionLayout.CatchCount(study), study.RepeatProbes, new Random(request.Seed));
            _body = _layout.Kinds.Count;
        }
        else
        {
            _body = request.FixedList?.Count ?? 0;
        }
        _upTo = Math.Min(upTo, _practice + _body);

        var used = new UsedTriplets();
        foreach (var t in stored) used.TryAdd(t.Stimulus0, t.Stimulus1, t.Stimulus2);
        var random = new Random(unchecked(request.Seed * -1640531535 + stored.Count));
        var mainSlots = MainSlots();
        _context = new DesignContext(study, pool, request.Coverage, request.FixedList, mainSlots.Count, used, random);
        if (design is BalancedRandomDesign balanced && _context.MainTrials > 0)
        {
            // Candidates for every main slot, adaptive ones included: a slot the queue cannot fill falls back to
            // them, and the draws stay the same whatever the queue held.
            _context = _context with { Candidates = balanced.DrawCandidates(_context) };
            if (study.AdaptiveSampling)
                _arms = [.. mainSlots.Select(slot => ArmCoin.Draw(request.Seed, slot, study.RandomArmShare))];
        }
    }

    /// <summary>Prepares the trials from <c>stored.Count</c> up to (not including) <paramref name="upTo"/>.</summary>
    /// <param name="stored">The session's trials planned so far, indices 0 … n − 1, as stored.</param>
    public static SessionBatch Prepare(SessionPlanRequest request, ITrialDesign design, IReadOnlyList<PlannedTrial> stored, int upTo)
    {
        for (var i = 0; i < stored.Count; i++)
            if (stored[i].Index != i) throw new ArgumentException("Stored trials must be the session's first trials, in order.", nameof(stored));
        return new SessionBatch(request, design, stored, upTo);
    }

    /// <summary>The session's length: practice plus the layout's slots (or the fixed list's rows).</summary>
    public int TotalTrials => _practice + _body;

    /// <summary>Main slots of this batch the coin sent to the adaptive arm: pop this many triplets from the queue before <see cref="Plan"/>.</summary>
    public int AdaptiveSlots => _arms?.Count(a => a == TrialArm.Adaptive) ?? 0;

    /// <summary>Whether the study samples adaptively (its main trials record their arm).</summary>
    public bool IsAdaptive => _arms is not null;

    /// <summary>Pairs whose coverage counts the design will read: fetch them before <see cref="Plan"/>.</summary>
    public IReadOnlyCollection<(Guid A, Guid B)> PairsToRead =>
        _context.Candidates is { } candidates
            ? candidates.SelectMany(list => list).SelectMany(t => new[] { (t.A, t.B), (t.A, t.C), (t.B, t.C) })
                .Select(p => p.Item1.CompareTo(p.Item2) <= 0 ? p : (p.Item2, p.Item1)).Distinct().ToList()
            : [];

    /// <summary>The planned trials, indices <c>stored.Count</c> … upTo − 1 (empty when nothing is left to plan).</summary>
    /// <param name="popped">Adaptive studies: triplets popped from the queue for the adaptive slots, best first;
    /// slots left without one (an empty queue) fall back to balanced random and say so.</param>
    public IReadOnlyList<PlannedTrial> Plan(IPairCoverage coverage, IReadOnlyList<QueuedTriplet>? popped = null)
    {
        var from = _stored.Count;
        if (from >= _upTo) return [];
        var context = _context with { Coverage = coverage };
        var random = context.Random;
        var catchTriplets = new CatchTriplets(context.Pool);

        // Main triplets first (as the whole-session planner did), so catch and practice triplets avoid them.
        IReadOnlyList<PlannedTriplet> main = _layout is not null && context.MainTrials == 0 ? []
            : _arms is not null ? PlanMainByArm(context, popped ?? []) : _design.PlanMain(context);
        if (_layout is not null && main.Count != context.MainTrials)
            throw new InvalidOperationException($"Design {_design.Kind} planned {main.Count} main trials instead of {context.MainTrials}.");

        var planned = new List<PlannedTrial>(_upTo - from);
        var blocks = Math.Min(Math.Max(1, _request.Study.Blocks), Math.Max(1, _body));
        var nextMain = 0;
        for (var index = from; index < _upTo; index++)
        {
            if (index < _practice)
            {
                planned.Add(Place(index, 0, DrawPractice(context.Pool, catchTriplets, context.Used, random), ScreenPositions.Draw(random), null));
                continue;
            }
            var slot = index - _practice;
            var block = 1 + (int)((long)slot * blocks / _body);
            if (_layout is null)
            {
                planned.Add(Place(index, block, main[slot], ScreenPositions.Draw(random), null));
                continue;
            }
            switch (_layout.Kinds[slot])
            {
                case TrialKind.Main:
                    planned.Add(Place(index, block, main[nextMain++], ScreenPositions.Draw(random), null));
                    break;
                case TrialKind.Catch:
                    var check = catchTriplets.Draw(random, context.Used, TrialKind.Catch)
                        ?? throw new DesignException("The stimuli's categories do not make enough different catch triplets; lower the catch-trial share or add categorised stimuli.");
                    planned.Add(Place(index, block, check, ScreenPositions.Draw(random), null));
                    break;
                default:
                    var originalIndex = _practice + _layout.RepeatOf[slot];
                    var original = originalIndex < from ? _stored[originalIndex] : planned[originalIndex - from];
                    planned.Add(Repeat(index, block, original, random));
                    break;
            }
        }
        return planned;
    }

    /// <summary>The slots (trial index − practice) of this batch's main trials, in order.</summary>
    private List<int> MainSlots()
    {
        var slots = new List<int>();
        if (_layout is null) return slots;
        for (var index = Math.Max(_stored.Count, _practice); index < _upTo; index++)
            if (_layout.Kinds[index - _practice] == TrialKind.Main) slots.Add(index - _practice);
        return slots;
    }

    // Adaptive slots take the popped triplets in order (skipping any the person already has); every other slot, and
    // an adaptive one the queue could not fill, is chosen by the balanced design from its own candidates. Popped
    // triplets are recorded in the coverage first, so the balanced choices see them.
    private IReadOnlyList<PlannedTriplet> PlanMainByArm(DesignContext context, IReadOnlyList<QueuedTriplet> popped)
    {
        var arms = _arms!;
        var chosen = new PlannedTriplet?[arms.Count];
        var queue = new Queue<QueuedTriplet>(popped);
        for (var i = 0; i < arms.Count; i++)
        {
            if (arms[i] != TrialArm.Adaptive) continue;
            while (chosen[i] is null && queue.TryDequeue(out var q))
            {
                if (!context.Used.TryAdd(q.A, q.B, q.C)) continue;
                context.Coverage.Record(q.A, q.B, q.C);
                chosen[i] = new PlannedTriplet(q.A, q.B, q.C, Arm: TrialArm.Adaptive, TeacherVersionId: q.TeacherVersionId);
            }
        }
        var rest = Enumerable.Range(0, arms.Count).Where(i => chosen[i] is null).ToList();
        IReadOnlyList<PlannedTriplet> balanced = rest.Count == 0 ? [] : _design.PlanMain(context with
        {
            MainTrials = rest.Count,
            Candidates = [.. rest.Select(i => context.Candidates![i])],
        });
        for (var j = 0; j < rest.Count; j++)
            chosen[rest[j]] = balanced[j] with { Arm = arms[rest[j]] == TrialArm.Adaptive ? TrialArm.Fallback : TrialArm.Random };
        return chosen!;
    }

    private static PlannedTriplet DrawPractice(IReadOnlyList<DesignStimulus> pool, CatchTriplets catchTriplets, UsedTriplets used, Random random)
    {
        if (catchTriplets.Available && catchTriplets.Draw(random, used, TrialKind.Practice) is { } easy) return easy;
        var any = TripletSampler.DrawUnused(pool, used, random)
            ?? throw new DesignException("The pool has no triplet left for practice; add stimuli or lower the practice trials.");
        used.TryAdd(any.A, any.B, any.C);
        return any with { Kind = TrialKind.Practice };
    }

    // The original's three stimuli in another screen order (one of the five non-identity permutations of it), so
    // that someone who always presses the same key does not look consistent.
    private static PlannedTrial Repeat(int index, int block, PlannedTrial original, Random random)
    {
        Guid[] shown = [original.Stimulus0, original.Stimulus1, original.Stimulus2];
        var order = ScreenPositions.Permutations[ScreenPositions.DrawOtherThan(random, 0)];
        return new PlannedTrial(index, block, TrialKind.RepeatProbe, shown[order[0]], shown[order[1]], shown[order[2]],
            null, original.Index, original.Condition);
    }

    private static PlannedTrial Place(int index, int block, PlannedTriplet triplet, int permutation, int? repeatOf)
    {
        var order = ScreenPositions.Permutations[permutation];
        Guid[] members = [triplet.A, triplet.B, triplet.C];
        var screen = order.Select(i => members[i]).ToArray();
        int? expected = triplet.OddOneOut is { } odd ? Array.IndexOf(screen, odd) : null;
        return new PlannedTrial(index, block, triplet.Kind, screen[0], screen[1], screen[2], expected, repeatOf, triplet.Condition,
            triplet.Arm, triplet.TeacherVersionId);
    }
}
