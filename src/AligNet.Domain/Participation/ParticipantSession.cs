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

    /// <summary>The recruitment platform's own session id (Prolific SESSION_ID, MTurk assignmentId), if any.</summary>
    public string? ExternalSessionId { get; set; }
    public SessionStatus Status { get; set; } = SessionStatus.InProgress;
    public QcStatus Qc { get; set; } = QcStatus.Pending;
    public string[] QcReasons { get; set; } = [];
    public string? UserAgent { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }

    public List<Trial> Trials { get; } = [];
}
