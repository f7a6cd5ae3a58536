using System.Text.Json;
using System.Text.Json.Nodes;
using AligNet.Evaluation.Statistics;

namespace AligNet.Evaluation.Suite;

/// <summary>
/// The one JSON shape of a <see cref="SuiteReport"/>, shared by <c>alignet evaluate --json</c> and the stored
/// evaluation of a model version: snake_case keys, every figure as {value, ci_low, ci_high[, participant_ci_low,
/// participant_ci_high]}, null where the input does not define it; models by name (model, baseline).
/// </summary>
public static class SuiteReportJson
{
    public static JsonObject ToJson(SuiteReport r)
    {
        var levels = new JsonObject();
        foreach (var (key, level) in r.Levels) levels[key] = Level(level, r.Models);
        return new JsonObject
        {
            ["responses"] = r.Responses,
            ["triplets"] = r.Triplets,
            ["participants"] = r.Participants,
            ["bootstrap"] = r.Bootstrap,
            ["seed"] = r.Seed,
            ["models"] = new JsonArray([.. r.Models.Select(m => (JsonNode)new JsonObject
            {
                ["name"] = m.Name, ["temperature"] = m.Temperature, ["temperature_source"] = m.TemperatureSource,
            })]),
            ["all"] = Level(r.All, r.Models),
            ["levels"] = levels,
            ["calibration"] = new JsonArray([.. r.Calibration.Select(c => (JsonNode)new JsonObject
            {
                ["model"] = c.Model,
                ["temperature"] = c.Temperature,
                ["bins"] = new JsonArray([.. c.Bins.Select(b => (JsonNode)new JsonObject
                {
                    ["lower"] = b.Lower, ["upper"] = b.Upper, ["responses"] = b.Responses, ["confidence"] = b.Confidence, ["accuracy"] = b.Accuracy,
                })]),
            })]),
            ["rt_points"] = r.RtPoints is not { } points ? null : new JsonObject
            {
                ["total"] = points.Total,
                ["points"] = new JsonArray([.. points.Points.Select(p =>
                {
                    var point = new JsonObject { ["level"] = p.Level, ["rt_ms"] = p.RtMs };
                    for (var m = 0; m < r.Models.Count; m++) point[r.Models[m].Name] = p.Entropy[m];
                    return (JsonNode)point;
                })]),
            },
            ["rsa"] = r.Rsa is not { } rsa ? null : new JsonObject
            {
                ["source"] = rsa.Source, ["items"] = rsa.Items, ["pairs"] = rsa.Pairs, ["replicates"] = rsa.Replicates,
                ["rho"] = Figures(r.Models.Select((m, i) => (m.Name, rsa.Rho[i]))),
            },
        };
    }

    public static string ToJsonString(SuiteReport report) => ToJson(report).ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    private static JsonObject Level(LevelReport level, IReadOnlyList<ModelSummary> models)
    {
        var result = new JsonObject
        {
            ["responses"] = level.Responses,
            ["triplets"] = level.Triplets,
            ["human"] = Figures(level.Human.Select(p => (p.Key, p.Value))),
        };
        for (var m = 0; m < models.Count; m++) result[models[m].Name] = Figures(level.Models[m].Select(p => (p.Key, p.Value)));
        if (level.Difference is { } difference) result["difference"] = Figures(difference.Select(p => (p.Key, p.Value)));
        return result;
    }

    private static JsonObject Figures(IEnumerable<(string Name, Estimate? Value)> figures)
    {
        var result = new JsonObject();
        foreach (var (name, estimate) in figures) result[name] = Figure(estimate);
        return result;
    }

    public static JsonNode? Figure(Estimate? e)
    {
        if (e is null) return null;
        var node = new JsonObject { ["value"] = e.Value, ["ci_low"] = e.CiLow, ["ci_high"] = e.CiHigh };
        if (e.ParticipantCiLow is not null || e.ParticipantCiHigh is not null)
        {
            node["participant_ci_low"] = e.ParticipantCiLow;
            node["participant_ci_high"] = e.ParticipantCiHigh;
        }
        return node;
    }
}
