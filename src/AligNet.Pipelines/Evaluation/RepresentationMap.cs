using System.Text.Json.Nodes;
using AligNet.Evaluation.Embeddings;
using AligNet.Evaluation.Statistics;

namespace AligNet.Pipelines.Evaluation;

/// <summary>
/// The stored report's <c>map</c> section: each stimulus of the set on the first two principal components of the
/// evaluated version's representation. Computed on the worker, because the web tier must not load the version's
/// artifact (TorchSharp); bounded by the set's size: one point per stimulus.
/// </summary>
public static class RepresentationMap
{
    /// <param name="representation">What was projected, e.g. "teacher" (the version's transform of the base embeddings).</param>
    public static JsonObject ToJson(string representation, IReadOnlyList<Guid> stimulusIds, EmbeddingMatrix rows)
    {
        if (stimulusIds.Count != rows.Rows) throw new ArgumentException($"{stimulusIds.Count} stimuli for {rows.Rows} representation rows.");
        var vectors = Enumerable.Range(0, rows.Rows).Select(i => rows.Row(i).ToArray().Select(v => (float)v).ToArray()).ToList();
        var projected = PrincipalComponents.Project2(vectors);
        var points = new JsonArray([.. stimulusIds.Select((id, i) => (JsonNode)new JsonObject
        {
            ["stimulus_id"] = id.ToString(), ["row"] = i, ["x"] = projected[i].X, ["y"] = projected[i].Y,
        })]);
        return new JsonObject { ["representation"] = representation, ["points"] = points };
    }
}
