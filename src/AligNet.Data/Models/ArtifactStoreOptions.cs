namespace AligNet.Data.Models;

/// <summary>Where model artifacts (weights, normalisation, temperature) live; bound from "Artifacts". A volume in Docker.</summary>
public sealed class ArtifactStoreOptions
{
    public const string Section = "Artifacts";

    public string Root { get; set; } = Path.Combine(".run", "artifacts");
}
