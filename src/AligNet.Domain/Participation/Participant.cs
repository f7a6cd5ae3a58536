using AligNet.Domain.Studies;

namespace AligNet.Domain.Participation;

/// <summary>
/// An anonymous participant, known only by the id their recruitment platform gave them (Prolific PID,
/// MTurk worker id) or by an id we issued for a direct link. No account, no personal data.
/// </summary>
public class Participant
{
    public Guid Id { get; set; }
    public RecruitmentSource Source { get; set; }
    public required string ExternalId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
