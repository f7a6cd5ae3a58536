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

    /// <summary>The key an evaluation run stores in a section it could not compute, with the reason as its value.</summary>
    public const string NotComputed = "not_computed";
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
        return Read(node?[source]?[figure]);
    }

    /// <summary>Non-empty reliability bins of one model ("model" or "baseline").</summary>
    public IReadOnlyList<Bin> Reliability(string model) =>
        (report["calibration"] as JsonArray)?.FirstOrDefault(c => c?["model"]?.GetValue<string>() == model)?["bins"] is JsonArray bins
            ? [.. bins.Where(b => b?["confidence"] is not null && b["accuracy"] is not null)
                .Select(b => new Bin(b!["confidence"]!.GetValue<double>(), b["accuracy"]!.GetValue<double>(), b["responses"]!.GetValue<long>()))]
            : [];

    public sealed record RtPoint(string Level, double Entropy, double RtMs);

    /// <summary>
    /// The stored sample of per-triplet (entropy of <paramref name="model"/>, geometric mean RT) points and how many
    /// triplets had an RT in all; null for a report stored before the sample existed or without reaction times.
    /// </summary>
    public (int Total, IReadOnlyList<RtPoint> Points)? RtPoints(string model) =>
        report["rt_points"] is JsonObject sample && sample["points"] is JsonArray points
            ? (sample["total"]!.GetValue<int>(), [.. points.OfType<JsonObject>().Where(p => p[model] is not null)
                .Select(p => new RtPoint(p["level"]!.GetValue<string>(), p[model]!.GetValue<double>(), p["rt_ms"]!.GetValue<double>()))])
            : null;

    public sealed record MapPoint(Guid StimulusId, double X, double Y);

    /// <summary>
    /// The stored stimulus map: each stimulus on the first two principal components of the evaluated version's own
    /// representation (computed by the worker's evaluation run); null for a report stored before maps were kept.
    /// </summary>
    public (string Representation, IReadOnlyList<MapPoint> Points)? Map() =>
        report["map"] is JsonObject map && map["points"] is JsonArray points
            ? (map["representation"]?.GetValue<string>() ?? "model", [.. points.OfType<JsonObject>().Select(p => new MapPoint(
                Guid.Parse(p["stimulus_id"]!.GetValue<string>()), p["x"]!.GetValue<double>(), p["y"]!.GetValue<double>()))])
            : null;

    /// <param name="NotComputed">Why the run stored no figure for this section (its inputs were missing); null when it has figures.</param>
    public sealed record NamedFigure(string Name, Figure? Model, Figure? Baseline, string? NotComputed = null);

    /// <summary>
    /// The transfer and robustness sections of <c>alignet evaluate --json</c> where the report has them (few-shot per
    /// k, BREEDS shift, retention, each corruption and style shift), the model's figure beside the baseline's, and one
    /// row with the reason for each section the evaluation run marked as not computed; empty for a report with none.
    /// </summary>
    public IReadOnlyList<NamedFigure> TransferFigures()
    {
        var list = new List<NamedFigure>();
        var transfer = report["transfer"];
        if (transfer?["few_shot"] is JsonObject fewShot && fewShot["model"] is JsonArray shots)
        {
            for (var i = 0; i < shots.Count; i++)
            {
                list.Add(new($"few-shot {shots[i]?["ways"]}-way {shots[i]?["shots"]}-shot", Read(shots[i]?["accuracy"]),
                    Read((fewShot["baseline"] as JsonArray)?.ElementAtOrDefault(i)?["accuracy"])));
            }
        }
        if (transfer?["breeds"] is JsonObject breeds && breeds[NotComputed] is null)
        {
            list.Add(new("shift: BREEDS target accuracy", Read(breeds["model"]?["target_accuracy"]), Read(breeds["baseline"]?["target_accuracy"])));
        }
        if (transfer?["retention"] is JsonObject retention && retention[NotComputed] is null)
        {
            list.Add(new("retention: NN accuracy / base", Read(retention["ratio"]), null));
        }
        foreach (var (key, label) in new[] { ("few_shot", "few-shot"), ("breeds", "shift: BREEDS"), ("retention", "retention") })
        {
            if (transfer?[key]?[NotComputed] is JsonValue reason) list.Add(new(label, null, null, reason.GetValue<string>()));
        }
        foreach (var (key, label) in new[] { ("corruptions", "corruption"), ("style_shift", "style shift") })
        {
            foreach (var variant in (report[key]?["variants"] as JsonArray ?? []).OfType<JsonObject>())
            {
                list.Add(new($"{label} {variant["name"]}: agreement", Read(variant["models"]?["model"]?["agreement"]), Read(variant["models"]?["baseline"]?["agreement"])));
            }
            if (report[key]?[NotComputed] is JsonValue reason) list.Add(new(label, null, null, reason.GetValue<string>()));
        }
        return list;
    }

    private static Figure? Read(JsonNode? f) => f is JsonObject o && o["value"] is { } value
        ? new Figure(value.GetValue<double>(), o["ci_low"]?.GetValue<double>(), o["ci_high"]?.GetValue<double>())
        : null;
}
