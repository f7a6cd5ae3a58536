namespace AligNet.Domain.Stimuli;

/// <summary>
/// One image of a stimulus set. <see cref="Index"/> is its stable 0-based position in the set: embedding
/// rows and triplet files refer to stimuli by this index.
/// </summary>
public class Stimulus
{
    public Guid Id { get; set; }
    public Guid StimulusSetId { get; set; }
    public StimulusSet? StimulusSet { get; set; }
    public int Index { get; set; }
    public required string Label { get; set; }

    /// <summary>The file name it was imported under (manifest "file" column); embedding id lists may refer to it.</summary>
    public string? SourceName { get; set; }

    /// <summary>Category path from coarse to fine, e.g. ["animals", "birds"]; empty when unknown.</summary>
    public string[] CategoryPath { get; set; } = [];

    /// <summary>Path of the image relative to the stimulus store root; null for a concept without an image (e.g. THINGS concepts, whose images are not redistributable).</summary>
    public string? ImagePath { get; set; }
    public string? ContentType { get; set; }

    /// <summary>SHA-256 of the image bytes, hex; used for duplicate detection and as the HTTP ETag. Null without an image.</summary>
    public string? Sha256 { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
}
