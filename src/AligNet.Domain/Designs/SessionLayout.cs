using AligNet.Domain.Participation;
using AligNet.Domain.Studies;

namespace AligNet.Domain.Designs;

/// <summary>
/// Which kind of trial goes where in the part of a session after practice, and which earlier main trial each repeat
/// probe repeats. Catch trials are spread evenly (one per equal segment, at a random place in it) and never among
/// the first <see cref="CatchLeadIn"/> trials, so a person is settled before the first check; repeat probes are
/// spread over the part of the session at least <see cref="StudyLimits.RepeatProbeMinimumGap"/> trials in.
/// </summary>
public sealed class SessionLayout
{
    public const int CatchLeadIn = 3;

    private SessionLayout(TrialKind[] kinds, int[] repeatOf) => (Kinds, RepeatOf) = (kinds, repeatOf);

    /// <summary>One kind per slot: Main, Catch or RepeatProbe.</summary>
    public IReadOnlyList<TrialKind> Kinds { get; }

    /// <summary>For a repeat probe slot, the slot of the main trial it repeats; -1 elsewhere.</summary>
    public IReadOnlyList<int> RepeatOf { get; }

    public static int CatchCount(Study study) =>
        (int)Math.Round(study.CatchTrialShare * study.TrialsPerParticipant, MidpointRounding.AwayFromZero);

    /// <summary>Why the counts cannot be laid out, or null when they can (the check behind <see cref="Build"/>).</summary>
    public static string? Problem(int total, int catchTrials, int repeats) =>
        TryBuild(total, catchTrials, repeats, random: null) is null
            ? $"{repeats} repeat probes do not fit into {total} trials with {catchTrials} catch trials: each needs a main trial " +
              $"shown at least {StudyLimits.RepeatProbeMinimumGap} trials earlier. Lower the repeat probes or add trials."
            : null;

    /// <summary>Lays out a session; throws <see cref="DesignException"/> when the repeat probes cannot fit.</summary>
    public static SessionLayout Build(int total, int catchTrials, int repeats, Random random) =>
        TryBuild(total, catchTrials, repeats, random)
        ?? TryBuild(total, catchTrials, repeats, random: null) // catch trials at segment centres, as the check assumed
        ?? throw new DesignException(Problem(total, catchTrials, repeats)!);

    // random == null: deterministic (catch trials at the centre of their segments).
    private static SessionLayout? TryBuild(int total, int catchTrials, int repeats, Random? random)
    {
        if (total < 0 || catchTrials < 0 || repeats < 0 || catchTrials + 2 * repeats > total) return null;
        var kinds = new TrialKind[total];
        Array.Fill(kinds, TrialKind.Main);
        PlaceCatch(kinds, catchTrials, random);
        if (repeats == 0) return new SessionLayout(kinds, Enumerable.Repeat(-1, total).ToArray());

        var free = Enumerable.Range(0, total)
            .Where(s => s >= StudyLimits.RepeatProbeMinimumGap && kinds[s] == TrialKind.Main).ToList();
        if (free.Count < repeats) return null;
        var spread = Enumerable.Range(0, repeats).Select(j => free[(int)((j + 0.5) * free.Count / repeats)]).ToList();
        var latest = free.Skip(free.Count - repeats).ToList();
        return TryRepeats(kinds, spread, random) ?? TryRepeats(kinds, latest, random);
    }

    private static void PlaceCatch(TrialKind[] kinds, int catchTrials, Random? random)
    {
        if (catchTrials == 0) return;
        var leadIn = Math.Min(CatchLeadIn, kinds.Length - catchTrials);
        var span = (double)(kinds.Length - leadIn) / catchTrials;
        for (var j = 0; j < catchTrials; j++)
        {
            var start = leadIn + (int)Math.Ceiling(j * span - 1e-9);
            var end = leadIn + (int)Math.Ceiling((j + 1) * span - 1e-9); // exclusive; segments never overlap
            var slot = random is null ? (start + end - 1) / 2 : random.Next(start, end);
            kinds[slot] = TrialKind.Catch;
        }
    }

    // Repeat slots ascending: each one's possible originals include the previous one's, so taking any unused
    // original for each in turn succeeds whenever a solution exists.
    private static SessionLayout? TryRepeats(TrialKind[] catchKinds, List<int> repeatSlots, Random? random)
    {
        var kinds = (TrialKind[])catchKinds.Clone();
        foreach (var s in repeatSlots) kinds[s] = TrialKind.RepeatProbe;
        var repeatOf = Enumerable.Repeat(-1, kinds.Length).ToArray();
        var taken = new bool[kinds.Length];
        foreach (var slot in repeatSlots)
        {
            var options = Enumerable.Range(0, slot - StudyLimits.RepeatProbeMinimumGap + 1)
                .Where(o => kinds[o] == TrialKind.Main && !taken[o]).ToList();
            if (options.Count == 0) return null;
            var original = random is null ? options[0] : options[random.Next(options.Count)];
            taken[original] = true;
            repeatOf[slot] = original;
        }
        return new SessionLayout(kinds, repeatOf);
    }
}
