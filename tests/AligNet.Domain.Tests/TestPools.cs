using AligNet.Domain.Designs;
using AligNet.Domain.Participation;
using AligNet.Domain.Studies;

namespace AligNet.Domain.Tests;

/// <summary>Hand-made stimulus pools and studies for the design tests.</summary>
internal static class TestPools
{
    private static readonly string[] Tops = ["animals", "food", "tools", "vehicles", "plants"];

    public static Guid Id(int i) => new(i + 1, 0, 0, new byte[8]);

    /// <summary><paramref name="count"/> stimuli spread round-robin over 5 top levels × 2 fine categories.</summary>
    public static List<DesignStimulus> Categorised(int count) =>
        Enumerable.Range(0, count).Select(i => new DesignStimulus(Id(i), [Tops[i % 5], $"sub{i / 5 % 2}"])).ToList();

    public static List<DesignStimulus> Uncategorised(int count) =>
        Enumerable.Range(0, count).Select(i => new DesignStimulus(Id(i), [])).ToList();

    public static Study Study(int trials = 60, int practice = 6, double catchShare = 0.05, int repeats = 0, int blocks = 3) => new()
    {
        Name = "test",
        TrialsPerParticipant = trials,
        PracticeTrials = practice,
        CatchTrialShare = catchShare,
        RepeatProbes = repeats,
        Blocks = blocks,
    };

    public static IReadOnlyList<PlannedTrial> Plan(Study study, IReadOnlyList<DesignStimulus> pool, int seed, IPairCoverage? coverage = null) =>
        SessionPlanner.Plan(new SessionPlanRequest(study, pool, coverage ?? new PairCoverage(), null, seed));

    public static Guid[] OnScreen(PlannedTrial t) => [t.Stimulus0, t.Stimulus1, t.Stimulus2];

    public static TripletKey Key(PlannedTrial t) => new(t.Stimulus0, t.Stimulus1, t.Stimulus2);

    public static IEnumerable<PlannedTrial> AfterPractice(IEnumerable<PlannedTrial> plan) => plan.Where(t => t.Kind != TrialKind.Practice);
}
