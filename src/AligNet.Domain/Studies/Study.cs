using AligNet.Domain.Participation;
using AligNet.Domain.Stimuli;

namespace AligNet.Domain.Studies;

/// <summary>
/// An odd-one-out study: which stimuli are shown, to whom, and how many trials each person does.
/// The design is frozen once the first participant starts (<see cref="IsDesignFrozen"/>), so every
/// session of a study was run under the same rules.
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

    public int TrialsPerParticipant { get; set; } = 60;
    public int PracticeTrials { get; set; } = 6;
    public double CatchTrialShare { get; set; } = 0.05;
    public int ResponseTimeLimitMs { get; set; } = 15_000;
    public int MinimumValidRtMs { get; set; } = 300;

    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }

    /// <summary>Set when the first participant session starts; after that the design may not change.</summary>
    public DateTimeOffset? DesignFrozenAt { get; set; }
    public bool IsDesignFrozen => DesignFrozenAt is not null;

    public List<ParticipantSession> Sessions { get; } = [];
}
