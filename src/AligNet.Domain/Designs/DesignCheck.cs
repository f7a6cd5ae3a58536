using AligNet.Domain.Studies;

namespace AligNet.Domain.Designs;

/// <summary>
/// Checks a study's design against its stimulus pool before it opens, so the research UI can warn instead of
/// participants meeting an error. Every <see cref="DesignProblemSeverity.Error"/> here is a reason
/// <see cref="SessionPlanner.Plan"/> would refuse; warnings are designs that run but not quite as configured.
/// </summary>
public static class DesignCheck
{
    /// <param name="fixedTrials">For <see cref="DesignKind.FixedLists"/>: the imported rows of all lists; null when not known yet.</param>
    public static IReadOnlyList<DesignProblem> Validate(Study study, IReadOnlyList<DesignStimulus> pool, IReadOnlyList<FixedTrial>? fixedTrials = null)
    {
        var problems = new List<DesignProblem>();
        pool = pool.DistinctBy(s => s.Id).ToList();
        CheckNumbers(study, problems);
        if (pool.Count < 3)
        {
            problems.Add(DesignProblem.Error($"The stimulus set has {pool.Count} stimuli; a triplet needs at least 3."));
            return problems;
        }

        var catchable = new CatchTriplets(pool).Available;
        if (study.PracticeTrials > 0 && !catchable)
            problems.Add(DesignProblem.Warning(
                "Practice trials will be random triplets without feedback: the stimuli have no categories to make easy ones from."));

        if (study.Design == DesignKind.FixedLists) CheckFixedLists(study, pool, fixedTrials, problems);
        else if (!problems.Any(p => p.Severity == DesignProblemSeverity.Error)) CheckGenerated(study, pool, catchable, problems);
        return problems;
    }

    private static void CheckNumbers(Study study, List<DesignProblem> problems)
    {
        if (study.TrialsPerParticipant is < 1 or > StudyLimits.MaxTrialsPerParticipant)
            problems.Add(DesignProblem.Error($"Trials per participant must be between 1 and {StudyLimits.MaxTrialsPerParticipant:N0} (is {study.TrialsPerParticipant})."));
        if (study.PracticeTrials is < 0 or > StudyLimits.MaxPracticeTrials)
            problems.Add(DesignProblem.Error($"Practice trials must be between 0 and {StudyLimits.MaxPracticeTrials} (is {study.PracticeTrials})."));
        if (study.Blocks is < 1 or > StudyLimits.MaxBlocks)
            problems.Add(DesignProblem.Error($"Blocks must be between 1 and {StudyLimits.MaxBlocks} (is {study.Blocks})."));
        else if (study.Design != DesignKind.FixedLists && study.Blocks > study.TrialsPerParticipant)
            problems.Add(DesignProblem.Error($"{study.Blocks} blocks cannot be filled with {study.TrialsPerParticipant} trials; use fewer blocks."));
        if (study.CatchTrialShare is < 0 or > 0.5 || double.IsNaN(study.CatchTrialShare))
            problems.Add(DesignProblem.Error($"The catch-trial share must be between 0 and 50% (is {study.CatchTrialShare:P0})."));
        if (study.RepeatProbes < 0)
            problems.Add(DesignProblem.Error($"Repeat probes cannot be negative (is {study.RepeatProbes})."));
    }

    private static void CheckGenerated(Study study, IReadOnlyList<DesignStimulus> pool, bool catchable, List<DesignProblem> problems)
    {
        var catchCount = SessionLayout.CatchCount(study);
        if (catchCount > 0 && !catchable) problems.Add(DesignProblem.Error(CatchTriplets.Unavailable(pool)!));
        if (SingleMissWarning(catchCount, study.Qc.MinCatchAccuracy) is { } fatal) problems.Add(DesignProblem.Warning(fatal));

        var main = study.TrialsPerParticipant - catchCount - study.RepeatProbes;
        if (main < Math.Max(1, study.RepeatProbes))
            problems.Add(DesignProblem.Error(
                $"{study.TrialsPerParticipant} trials leave {main} main trials after {catchCount} catch trials and {study.RepeatProbes} repeat probes; " +
                "each repeat probe needs a main trial of its own. Add trials or lower the catch share or repeat probes."));
        else if (SessionLayout.Problem(study.TrialsPerParticipant, catchCount, study.RepeatProbes) is { } layout)
            problems.Add(DesignProblem.Error(layout));

        var distinct = TripletSampler.DistinctTriplets(pool.Count);
        var needed = (long)Math.Max(main, 0) + catchCount + study.PracticeTrials;
        if (needed > distinct)
            problems.Add(DesignProblem.Error(
                $"Each person needs {needed} different triplets (practice, main and catch) but {pool.Count} stimuli make only {distinct}; " +
                "add stimuli or lower the trials per participant."));
    }

    /// <summary>
    /// The catch rule ends a session once its catch accuracy cannot reach the least accuracy (QcEvaluator). With few
    /// catch trials one slip already does that: with 3 catch trials and 90 %, a single miss (2/3 = 67 %) is fatal.
    /// </summary>
    public static string? SingleMissWarning(int catchCount, double minCatchAccuracy)
    {
        if (catchCount <= 0 || minCatchAccuracy <= 0) return null;
        var afterOneMiss = (catchCount - 1) / (double)catchCount;
        if (afterOneMiss >= minCatchAccuracy) return null;
        var fix = minCatchAccuracy >= 1
            ? "lower the least catch accuracy below 100 %"
            : $"use at least {LeastCatchTrialsForOneMiss(minCatchAccuracy)} catch trials (a higher catch share or more trials) or lower the least catch accuracy to {Math.Floor(afterOneMiss * 100)} %";
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"The design produces {catchCount} catch trial{(catchCount == 1 ? "" : "s")} per participant and requires a catch accuracy of {minCatchAccuracy * 100:0.#} %: " +
            $"a single missed catch trial ({catchCount - 1}/{catchCount} = {afterOneMiss * 100:0} %) ends the session. To allow one slip, {fix}.");
    }

    /// <summary>The fewest catch trials n with (n − 1)/n ≥ the least accuracy.</summary>
    private static int LeastCatchTrialsForOneMiss(double minCatchAccuracy)
    {
        var n = 1;
        while ((n - 1) / (double)n < minCatchAccuracy) n++;
        return n;
    }

    private static void CheckFixedLists(Study study, IReadOnlyList<DesignStimulus> pool, IReadOnlyList<FixedTrial>? rows, List<DesignProblem> problems)
    {
        if (study.CatchTrialShare > 0 || study.RepeatProbes > 0)
            problems.Add(DesignProblem.Warning(
                "Fixed trial lists bring their own catch trials (rows marked as catch); the catch-trial share and repeat probes are not applied. " +
                "Set them to 0 to make that explicit."));
        if (rows is null) return;
        if (rows.Count == 0)
        {
            problems.Add(DesignProblem.Error("This study uses fixed trial lists but none are imported; import the trial lists."));
            return;
        }

        var ids = pool.Select(s => s.Id).ToHashSet();
        var unknown = rows.Count(r => !ids.Contains(r.Stimulus0Id) || !ids.Contains(r.Stimulus1Id) || !ids.Contains(r.Stimulus2Id));
        if (unknown > 0)
            problems.Add(DesignProblem.Error($"{unknown} fixed-list rows use stimuli that are not in the study's stimulus set."));

        foreach (var list in rows.GroupBy(r => r.ListNumber).OrderBy(g => g.Key))
        {
            if (list.Count() != study.TrialsPerParticipant)
                problems.Add(DesignProblem.Warning(
                    $"List {list.Key} has {list.Count()} trials but the study says {study.TrialsPerParticipant} per participant; the list's length is used."));
            if (list.Select(r => r.Order).Distinct().Count() != list.Count())
                problems.Add(DesignProblem.Error($"List {list.Key} has two rows with the same order number."));
        }

        var byId = pool.ToDictionary(s => s.Id);
        var unjudged = rows.Count(r => r.IsCatch
            && !(byId.TryGetValue(r.Stimulus0Id, out var a) && byId.TryGetValue(r.Stimulus1Id, out var b) && byId.TryGetValue(r.Stimulus2Id, out var c)
                 && CatchTriplets.OddOneOut(a, b, c) is not null));
        if (unjudged > 0)
            problems.Add(DesignProblem.Warning(
                $"{unjudged} catch rows have no odd one out that the stimuli's categories single out; they are shown but not scored."));
    }
}
