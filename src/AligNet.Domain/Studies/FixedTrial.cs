namespace AligNet.Domain.Studies;

/// <summary>
/// One row of an imported per-participant trial list (design <see cref="DesignKind.FixedLists"/>): list
/// <see cref="ListNumber"/> is given to one participant, who sees its triplets in <see cref="Order"/>.
/// Positions on screen are still randomised per trial and recorded with the trial.
/// </summary>
public class FixedTrial
{
    public long Id { get; set; }
    public Guid StudyId { get; set; }
    public int ListNumber { get; set; }
    public int Order { get; set; }
    public Guid Stimulus0Id { get; set; }
    public Guid Stimulus1Id { get; set; }
    public Guid Stimulus2Id { get; set; }

    /// <summary>The list's own class of the triplet, e.g. Levels' between_class / within_class / class_boundary.</summary>
    public string? Condition { get; set; }
    public bool IsCatch { get; set; }
}
