namespace AligNet.Domain.Models;

/// <summary>
/// A base model's feature vector for one stimulus, kept per (stimulus, model, version) so that a teacher can
/// record exactly which features it was trained on. Computed in the platform (ResNet18) or imported.
/// </summary>
public class StimulusEmbedding
{
    public Guid StimulusId { get; set; }
    public required string Model { get; set; }
    public required string Version { get; set; }
    public required float[] Vector { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
