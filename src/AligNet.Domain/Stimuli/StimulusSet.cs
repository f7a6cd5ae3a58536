namespace AligNet.Domain.Stimuli;

/// <summary>A named collection of images that studies draw triplets from and models embed.</summary>
public class StimulusSet
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public List<Stimulus> Stimuli { get; } = [];
}
