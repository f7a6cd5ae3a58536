namespace AligNet.Domain.Judgments;

/// <summary>One imported judgment, odd-last: <see cref="OddId"/> was chosen as the odd one out of the three.</summary>
public class ImportedTriplet
{
    public long Id { get; set; }
    public Guid DatasetId { get; set; }
    public Guid FirstId { get; set; }
    public Guid SecondId { get; set; }
    public Guid OddId { get; set; }
    public string? Subject { get; set; }

    /// <summary>Position of the judgment in the source file (1-based, blank and comment lines not counted), to trace rows back.</summary>
    public int Line { get; set; }
}
