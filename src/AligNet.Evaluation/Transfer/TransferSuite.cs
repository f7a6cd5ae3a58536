using System.Text.Json.Nodes;
using AligNet.Evaluation.Embeddings;
using AligNet.Evaluation.Suite;

namespace AligNet.Evaluation.Transfer;

/// <param name="Ways">n of n-way k-shot; null = no few-shot.</param>
/// <param name="Shots">k values, each evaluated.</param>
/// <param name="Seeds">Seeds for few-shot episodes and BREEDS splits.</param>
public sealed record TransferOptions(int? Ways, int[] Shots, int Seeds, bool Breeds, bool Retention, int EpisodesPerSeed = 100);

/// <summary>
/// Few-shot, BREEDS-style probe and retention on the model's features (and the baseline's beside them), as one JSON
/// section "transfer" of the evaluation.
/// </summary>
public static class TransferSuite
{
    public static JsonObject Evaluate(IReadOnlyList<(string Name, EmbeddingMatrix Features)> models, CategoryHierarchy hierarchy, TransferOptions options, SuiteOptions suite)
    {
        if (options.Seeds < 1) throw new ArgumentException($"--transfer-seeds must be at least 1, not {options.Seeds}.");
        var result = new JsonObject();
        if (options.Ways is { } ways)
        {
            var fewShot = new JsonObject();
            foreach (var (name, features) in models)
            {
                fewShot[name] = new JsonArray([.. options.Shots.Select(k =>
                {
                    var r = FewShot.Evaluate(features, hierarchy, ways, k, options.Seeds, options.EpisodesPerSeed, suite.Bootstrap, suite.Seed);
                    return (JsonNode)new JsonObject
                    {
                        ["ways"] = r.Ways, ["shots"] = r.Shots, ["episodes"] = r.Episodes, ["classes"] = r.Classes,
                        ["accuracy"] = SuiteReportJson.Figure(r.Accuracy), ["per_seed"] = new JsonArray([.. r.PerSeed.Select(a => (JsonNode)a)]),
                    };
                })]);
            }
            result["few_shot"] = fewShot;
        }
        if (options.Breeds)
        {
            var breeds = new JsonObject();
            foreach (var (name, features) in models)
            {
                var r = BreedsProbe.Evaluate(features, hierarchy, options.Seeds, suite.Bootstrap, suite.Seed);
                breeds[name] = new JsonObject
                {
                    ["top_categories"] = r.TopCategories, ["seeds"] = r.Seeds,
                    ["source_accuracy"] = SuiteReportJson.Figure(r.Source), ["target_accuracy"] = SuiteReportJson.Figure(r.Target),
                };
            }
            result["breeds"] = breeds;
        }
        if (options.Retention)
        {
            if (models.Count < 2) throw new ArgumentException("Retention compares the model with its base: give --model (a teacher and its base embeddings) or --baseline.");
            var r = Retention.Evaluate(models[0].Features, models[1].Features, hierarchy, suite.Bootstrap, suite.Seed);
            result["retention"] = new JsonObject
            {
                ["items"] = r.Items, ["model_nn_accuracy"] = SuiteReportJson.Figure(r.Model),
                ["base_nn_accuracy"] = SuiteReportJson.Figure(r.Base), ["ratio"] = SuiteReportJson.Figure(r.Ratio),
            };
        }
        return result;
    }
}
