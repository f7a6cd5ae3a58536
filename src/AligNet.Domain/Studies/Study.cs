using AligNet.Domain.Participation;
using AligNet.Domain.Stimuli;

namespace AligNet.Domain.Studies;

/// <summary>
/// An odd-one-out study: which stimuli are shown, to whom, how many trials each person does, with which timing,
/// and how sessions are judged. The design is frozen once the first participant starts (<see cref="IsDesignFrozen"/>),
/// so every session of a study was run under the same rules; only the state and texts stay editable.
/// </summary>
public class Study
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public Guid StimulusSetId { get; set; }
    public StimulusSet? StimulusSet { get; set; }
    public StudyState State { get; set; } = StudyState.Draft;
    public RecruitmentSource Recruitment { get; set; } = RecruitmentSource.DirectLink;

    // Design: which triplets each person sees.
    public DesignKind Design { get; set; } = DesignKind.BalancedRandom;

    /// <summary>Main trials per session, catch trials and repeat probes included; for fixed lists, the list's length.</summary>
    public int TrialsPerParticipant { get; set; } = 60;
    public int PracticeTrials { get; set; } = 6;
    public double CatchTrialShare { get; set; } = 0.05;

    /// <summary>Triplets shown a second time to the same person, at least <see cref="StudyLimits.RepeatProbeMinimumGap"/> trials later.</summary>
    public int RepeatProbes { get; set; }
    public int Blocks { get; set; } = 3;

    /// <summary>
    /// Balanced random only: main trials are split per trial between a random arm (<see cref="RandomArmShare"/>,
    /// today's balanced random) and an adaptive arm popped from the study's queue of triplets the newest teacher is
    /// most uncertain about (ADR-021). Part of the frozen design.
    /// </summary>
    public bool AdaptiveSampling { get; set; }

    /// <summary>Share of main trials that stay balanced random when <see cref="AdaptiveSampling"/> is on (0.05–1).</summary>
    public double RandomArmShare { get; set; } = StudyLimits.DefaultRandomArmShare;

    /// <summary>How the refill run scores candidate triplets for the adaptive arm.</summary>
    public AdaptiveScore AdaptiveScore { get; set; } = AdaptiveScore.Entropy;

    // Timing, in milliseconds.
    /// <summary>Longest optional break between blocks; 0 means no breaks are offered.</summary>
    public int BreakMaxSeconds { get; set; } = 120;
    public int FixationMs { get; set; } = 1000;
    public int InterTrialIntervalMs { get; set; } = 500;
    /// <summary>How long the chosen image stays alone on screen after an answer (Levels: 400 ms).</summary>
    public int ChoiceFeedbackMs { get; set; } = 400;
    /// <summary>0 means no limit; otherwise a countdown and a recorded timeout.</summary>
    public int ResponseTimeLimitMs { get; set; } = 15_000;
    /// <summary>Inputs earlier than this after onset are ignored (Levels: 1,000 ms), protecting against held keys.</summary>
    public int MinimumValidRtMs { get; set; } = 300;
    public InputModes Inputs { get; set; } = InputModes.All;
    public bool RequireFullscreen { get; set; }

    // Texts shown to participants, in Markdown.
    public string ConsentMarkdown { get; set; } = "";
    public string InstructionsMarkdown { get; set; } = "";
    public string DebriefMarkdown { get; set; } = "";

    // Completion codes, shown (and sent back to the recruitment platform) only after every response is stored.
    public string CompletionCode { get; set; } = "";
    public string ScreenedOutCode { get; set; } = "";
    public string FailedChecksCode { get; set; } = "";

    public QcPolicy Qc { get; set; } = new();

    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }

    /// <summary>Set when the first participant session starts; after that the design may not change.</summary>
    public DateTimeOffset? DesignFrozenAt { get; set; }
    public bool IsDesignFrozen => DesignFrozenAt is not null;

    public List<ParticipantSession> Sessions { get; } = [];

    /// <summary>Practice and main trials together: the length of a session.</summary>
    public int TotalTrials => PracticeTrials + TrialsPerParticipant;
}
