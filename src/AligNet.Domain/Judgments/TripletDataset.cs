namespace AligNet.Domain.Judgments;

/// <summary>
/// Human odd-one-out judgments brought in from outside the platform (e.g. THINGS), on one stimulus set.
/// Used beside the platform's own responses for training and evaluation.
/// </summary>
public class TripletDataset
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public Guid StimulusSetId { get; set; }
    public required string SourceFile { get; set; }
    public required string Format { get; set; }
    public int Count { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
}
