namespace AligNet.Domain.Models;

/// <summary>
/// One run of the evaluation suite (METHOD.md §5) on a model version: the headline figures as typed columns for
/// lists and comparisons, and the whole report (every figure per level with its interval, calibration bins, RSA)
/// as JSON in the shape of <c>alignet evaluate --json</c>. A version may be evaluated again (new data, new seed);
/// each run is its own row.
/// </summary>
public class ModelEvaluation
{
    public Guid Id { get; set; }
    public Guid ModelVersionId { get; set; }

    /// <summary>Which responses were scored: "test" = the held-out test split of the version's own training data.</summary>
    public required string Split { get; set; }
    public int Responses { get; set; }
    public int Triplets { get; set; }
    public int Bootstrap { get; set; }
    public long Seed { get; set; }

    /// <summary>Accuracy per response of the model over all levels, with its bootstrap interval over triplets.</summary>
    public double Accuracy { get; set; }
    public double? AccuracyCiLow { get; set; }
    public double? AccuracyCiHigh { get; set; }

    /// <summary>The same for the base model the version was built on.</summary>
    public double BaseAccuracy { get; set; }
    public double? BaseAccuracyCiLow { get; set; }
    public double? BaseAccuracyCiHigh { get; set; }

    /// <summary>JSON: the full report.</summary>
    public required string Report { get; set; }
    public string? RequestedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
