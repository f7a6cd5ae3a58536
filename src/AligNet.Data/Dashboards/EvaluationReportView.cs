using System.Text.Json.Nodes;

namespace AligNet.Data.Dashboards;

/// <summary>
/// The figures the models dashboard draws from a stored evaluation report (<c>model_evaluations."Report"</c>, the JSON
/// of AligNet.Evaluation's SuiteReportJson): per level a figure of the model, the baseline or the humans with its
/// interval, and the reliability bins per model.
/// </summary>
public sealed class EvaluationReportView(JsonNode report)
{
    public sealed record Figure(double Value, double? CiLow, double? CiHigh);
    public sealed record Bin(double Confidence, double Accuracy, long Responses);

    public static EvaluationReportView Parse(string json) =>
        new(JsonNode.Parse(json) ?? throw new InvalidDataException("An evaluation report is empty."));

    /// <summary>"all" first, then the levels by name (jsonb keeps no key order, so the report's own order is lost).</summary>
    public IReadOnlyList<string> Levels =>
        ["all", .. ((report["levels"] as JsonObject)?.Select(p => p.Key) ?? []).Order(StringComparer.Ordinal)];

    /// <param name="source">"model", "baseline" or "human".</param>
    /// <param name="figure">e.g. accuracy, nll, ece, rt_rho, noise_ceiling.</param>
    public Figure? Get(string level, string source, string figure)
    {
        var node = level == "all" ? report["all"] : report["levels"]?[level];
        return node?[source]?[figure] is JsonObject f && f["value"] is { } value
            ? new Figure(value.GetValue<double>(), f["ci_low"]?.GetValue<double>(), f["ci_high"]?.GetValue<double>())
            : null;
    }

    /// <summary>Non-empty reliability bins of one model ("model" or "baseline").</summary>
    public IReadOnlyList<Bin> Reliability(string model) =>
        (report["calibration"] as JsonArray)?.FirstOrDefault(c => c?["model"]?.GetValue<string>() == model)?["bins"] is JsonArray bins
            ? [.. bins.Where(b => b?["confidence"] is not null && b["accuracy"] is not null)
                .Select(b => new Bin(b!["confidence"]!.GetValue<double>(), b["accuracy"]!.GetValue<double>(), b["responses"]!.GetValue<long>()))]
            : [];
}
