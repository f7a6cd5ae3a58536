using System.Text.Json;
using AligNet.Domain.Models;

namespace AligNet.Data.Models;

/// <summary>Reads and writes the typed JSON documents of a model version; the one serializer setting for both sides.</summary>
public static class ModelDocuments
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Write<T>(T document) => JsonSerializer.Serialize(document, Json);

    public static TeacherVersionMetrics TeacherMetrics(this ModelVersion version) =>
        JsonSerializer.Deserialize<TeacherVersionMetrics>(version.Metrics, Json)
        ?? throw new InvalidDataException($"Model version {version.Id} has no metrics.");

    public static IReadOnlyList<CurvePoint> Curve(this ModelVersion version) =>
        JsonSerializer.Deserialize<List<CurvePoint>>(version.TrainingCurve, Json) ?? [];
}
