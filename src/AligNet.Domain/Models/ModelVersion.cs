namespace AligNet.Domain.Models;

/// <summary>
/// A trained model (a teacher now; students later) as the platform keeps it: what it was trained on, how, how well
/// it did, and where its artifact lies. At most one version per stimulus set and kind is active; promotion is an
/// explicit act (<see cref="IsActive"/>), recorded with who did it.
/// </summary>
public class ModelVersion
{
    public Guid Id { get; set; }
    public Guid StimulusSetId { get; set; }
    public ModelKind Kind { get; set; }

    /// <summary>The frozen base model whose embeddings the teacher transforms, e.g. resnet18-onnx / 0.23.1.</summary>
    public required string BaseModel { get; set; }
    public required string BaseModelVersion { get; set; }

    /// <summary>JSON: which responses went in (sessions, imported data sets, counts per source, QC rule).</summary>
    public required string DataSnapshot { get; set; }

    /// <summary>JSON: every hyper-parameter, so the model can say how it was made.</summary>
    public required string HyperParameters { get; set; }
    public int Seed { get; set; }

    /// <summary>JSON: base vs trained model on the held-out test split (accuracy, majority accuracy, NLL, ECE …).</summary>
    public required string Metrics { get; set; }

    /// <summary>JSON: per-epoch losses and validation accuracy.</summary>
    public required string TrainingCurve { get; set; }

    /// <summary>Folder of the artifact, relative to the artifact store root.</summary>
    public required string ArtifactPath { get; set; }

    public bool IsActive { get; set; }
    public DateTimeOffset? PromotedAt { get; set; }
    public string? PromotedBy { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public enum ModelKind
{
    Teacher,
    Student,
}
