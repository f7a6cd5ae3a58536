namespace AligNet.Domain.Participation;

/// <summary>
/// An answer the participant API refused for good (400, 401, 403, 404, 409, 410, 413): kept with the reason, so
/// that nothing a participant gave disappears without a trace (e.g. an answer from a browser whose secret was
/// replaced, or a second answer to a trial from another tab). Never used for analysis; read by researchers.
/// </summary>
public class RejectedResponse
{
    public long Id { get; set; }
    /// <summary>The session named in the request's route; not a foreign key: the session may not exist.</summary>
    public Guid SessionId { get; set; }
    public Guid? ResponseId { get; set; }
    public Guid? TrialId { get; set; }
    public int Status { get; set; }
    public required string Reason { get; set; }
    /// <summary>The request body as received (at most 8 KiB, the API's limit).</summary>
    public string? Payload { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
}
