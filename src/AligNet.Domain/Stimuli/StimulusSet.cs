namespace AligNet.Domain.Stimuli;

/// <summary>A named collection of images that studies draw triplets from and models embed.</summary>
public class StimulusSet
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The staff account (user id) that imported the set in the web app; null for CLI and seeded imports.</summary>
    public string? OwnerId { get; set; }

    /// <summary>Every researcher may see and use a shared set; others only their own (ADR-011).</summary>
    public bool IsShared { get; set; }
    public List<Stimulus> Stimuli { get; } = [];
}
