using AligNet.Domain.Studies;

namespace AligNet.Domain.Participation;

/// <summary>One participant taking one study, from the entry link to the completion code.</summary>
public class ParticipantSession
{
    public Guid Id { get; set; }
    public Guid StudyId { get; set; }
    public Study? Study { get; set; }
    public Guid ParticipantId { get; set; }
    public Participant? Participant { get; set; }

    /// <summary>SHA-256 of the secret the browser holds; the secret itself is never stored.</summary>
    public byte[] TokenHash { get; set; } = [];

    /// <summary>The recruitment platform's own session id (Prolific SESSION_ID, MTurk assignmentId), if any.</summary>
    public string? ExternalSessionId { get; set; }
    /// <summary>The recruitment platform's study id (Prolific STUDY_ID, MTurk hitId), if any.</summary>
    public string? ExternalStudyId { get; set; }
    /// <summary>MTurk's turkSubmitTo: where the completed assignment is posted.</summary>
    public string? ReturnUrl { get; set; }

    /// <summary>The fixed trial list this session follows (design <see cref="DesignKind.FixedLists"/>).</summary>
    public int? FixedListNumber { get; set; }

    /// <summary>
    /// The session's length, fixed when it starts: trials are planned a batch at a time as the browser asks for
    /// them (ADR-018), so the stored trials are only those planned so far.
    /// </summary>
    public int TotalTrials { get; set; }

    /// <summary>Seeds the session's layout and every batch's random choices, so that late planning is reproducible.</summary>
    public int PlanSeed { get; set; }

    public SessionStatus Status { get; set; } = SessionStatus.InProgress;
    public SessionOutcome? Outcome { get; set; }
    public QcStatus Qc { get; set; } = QcStatus.Pending;
    public string[] QcReasons { get; set; } = [];
    /// <summary>The QC figures behind the verdict (JSON): speed, catch accuracy, missed, position shares, consistency.</summary>
    public string? QcMetrics { get; set; }
    public string? UserAgent { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? ConsentedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }

    public List<Trial> Trials { get; } = [];
}
