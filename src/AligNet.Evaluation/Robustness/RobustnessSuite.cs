using System.Text.Json.Nodes;
using AligNet.Evaluation.Embeddings;
using AligNet.Evaluation.Metrics;
using AligNet.Evaluation.Suite;
using AligNet.Evaluation.Transfer;
using AligNet.Evaluation.Triplets;

namespace AligNet.Evaluation.Robustness;

/// <summary>
/// One model's features on the clean (reference) pictures and on each shifted version of the same items, with the
/// similarity and temperature its odd-one-out choices use.
/// </summary>
public sealed record RobustModel(string Name, EmbeddingMatrix Clean, IReadOnlyList<EmbeddingMatrix> Variants, SimilarityKind Similarity, double? Temperature);

/// <summary>
/// Robustness sections of the evaluation: for each shift (a corruption at a severity, or another rendering) and each
/// model, the agreement with the human choices on the shifted features with the paired change from clean, and the
/// <see cref="ShiftProbe"/> accuracies (probe fitted on clean features).
/// </summary>
public static class RobustnessSuite
{
    public static JsonObject Evaluate(IReadOnlyList<string> variants, IReadOnlyList<RobustModel> models, IReadOnlyList<TripletResponse> responses,
        CategoryHierarchy? hierarchy, int seeds, SuiteOptions suite)
    {
        if (models.Any(m => m.Variants.Count != variants.Count)) throw new ArgumentException("Every model needs one feature matrix per variant.");
        var probes = hierarchy is null ? null : models.Select(m => ShiftProbe.Evaluate(m.Clean, m.Variants, hierarchy, seeds, suite.Bootstrap, suite.Seed)).ToList();
        var clean = new JsonObject();
        for (var m = 0; m < models.Count; m++)
        {
            clean[models[m].Name] = new JsonObject
            {
                ["agreement"] = SuiteReportJson.Figure(Agreement(models[m], models[m].Clean, null, responses, suite).Accuracy),
                ["probe_accuracy"] = probes is null ? null : SuiteReportJson.Figure(probes[m].InDistribution),
            };
        }
        var list = new JsonArray();
        for (var v = 0; v < variants.Count; v++)
        {
            var perModel = new JsonObject();
            for (var m = 0; m < models.Count; m++)
            {
                var (accuracy, change) = Agreement(models[m], models[m].Variants[v], models[m].Clean, responses, suite);
                perModel[models[m].Name] = new JsonObject
                {
                    ["agreement"] = SuiteReportJson.Figure(accuracy),
                    ["agreement_change"] = SuiteReportJson.Figure(change),
                    ["probe_accuracy"] = probes is null ? null : SuiteReportJson.Figure(probes[m].Shifts[v].HeldOut),
                    ["probe_same_items"] = probes is null ? null : SuiteReportJson.Figure(probes[m].Shifts[v].SameItems),
                };
            }
            list.Add(new JsonObject { ["name"] = variants[v], ["models"] = perModel });
        }
        return new JsonObject
        {
            ["probe_classes"] = probes?[0].Classes, ["probe_seeds"] = probes is null ? null : seeds,
            ["clean"] = clean, ["variants"] = list,
        };
    }

    /// <summary>Accuracy on the variant's features, and (with <paramref name="clean"/>) its paired difference from the clean features.</summary>
    private static (Statistics.Estimate? Accuracy, Statistics.Estimate? Change) Agreement(RobustModel model, EmbeddingMatrix features, EmbeddingMatrix? clean,
        IReadOnlyList<TripletResponse> responses, SuiteOptions suite)
    {
        List<SuiteModel> columns = [new SuiteModel("shifted", new OddOneOutModel(features, model.Similarity, model.Temperature ?? 1), model.Temperature)];
        if (clean is not null) columns.Add(new SuiteModel("clean", new OddOneOutModel(clean, model.Similarity, model.Temperature ?? 1), model.Temperature));
        var report = EvaluationSuite.Evaluate(responses, columns, null, null, suite);
        return (report.All.Models[0].GetValueOrDefault("accuracy"), report.All.Difference?.GetValueOrDefault("accuracy"));
    }
}
