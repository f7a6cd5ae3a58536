using System.Text.Json;
using AligNet.Evaluation.Embeddings;
using AligNet.TestSupport;

namespace AligNet.Evaluation.Tests.Suite;

/// <summary><c>alignet evaluate</c> as a user runs it: per-level THINGS figures, intervals, and refusals that name the fix.</summary>
public class EvaluateCommandTests
{
    private static async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        await using var cli = HostProcess.Start("AligNet.Cli", "alignet.dll", new Dictionary<string, string?>(), args);
        var code = await cli.WaitForExitAsync(TimeSpan.FromMinutes(2));
        return (code, cli.Output);
    }

    private static string Things(string name) => ThingsLevelsTests.Things(name);

    [Theory]
    [InlineData("spose49_embedding_things_order.npy", "dot")]
    [InlineData("clip_vit_b32_things_order.npy", "cosine")]
    public async Task Per_level_accuracy_on_test_10_matches_the_separate_computation_with_intervals(string embeddings, string similarity)
    {
        var (code, output) = await RunAsync("evaluate", "--embeddings", Things(embeddings), "--similarity", similarity,
            "--triplets", Things("test_10.txt"), "--format", "odd-last", "--categories", Things("category_mat_manual.tsv"),
            "--bootstrap", "100", "--seed", "3", "--json");

        Assert.True(code == 0, output);
        using var json = JsonDocument.Parse(output);
        var levels = json.RootElement.GetProperty("levels");
        var expected = ThingsLevelsTests.PlainPerLevelAccuracy(EmbeddingFiles.Read(Things(embeddings)), similarity == "cosine");
        foreach (var (level, (correct, total)) in expected)
        {
            var figure = levels.GetProperty(level).GetProperty("model").GetProperty("accuracy");
            var value = figure.GetProperty("value").GetDouble();
            Assert.Equal((double)correct / total, value, 12);
            Assert.Equal(total, levels.GetProperty(level).GetProperty("responses").GetInt32());
            Assert.InRange(value, figure.GetProperty("ci_low").GetDouble(), figure.GetProperty("ci_high").GetDouble());
        }
        var all = json.RootElement.GetProperty("all").GetProperty("model");
        Assert.Equal(similarity == "dot" ? 0.640 : 0.484, all.GetProperty("accuracy").GetProperty("value").GetDouble(), 0.0005);
        Assert.True(all.GetProperty("ece_t1").GetProperty("ci_high").GetDouble() >= all.GetProperty("ece_t1").GetProperty("ci_low").GetDouble());
    }

    [Fact]
    public async Task A_categories_file_with_the_wrong_row_count_is_refused_with_the_fix()
    {
        var dir = Directory.CreateTempSubdirectory("evaluate-").FullName;
        var categories = Path.Combine(dir, "c.tsv");
        await File.WriteAllTextAsync(categories, "animal\tfood\n1\t0\n0\t1\n", TestContext.Current.CancellationToken);

        var (code, output) = await RunAsync("evaluate", "--embeddings", Things("spose49_embedding_things_order.npy"),
            "--triplets", Things("test_10.txt"), "--format", "odd-last", "--categories", categories, "--json");

        Assert.Equal(2, code);
        Assert.Contains($"error: {categories}: 2 item rows, but the embeddings have 1854 rows: the categories file needs one row per embedding row, in the same order.", output);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public async Task A_categories_file_with_a_cell_other_than_0_or_1_is_refused_with_its_line()
    {
        var dir = Directory.CreateTempSubdirectory("evaluate-").FullName;
        var categories = Path.Combine(dir, "c.tsv");
        var rows = string.Concat(Enumerable.Range(0, 1854).Select(i => i == 5 ? "1\tyes\n" : "1\t0\n"));
        await File.WriteAllTextAsync(categories, "animal\tfood\n" + rows, TestContext.Current.CancellationToken);

        var (code, output) = await RunAsync("evaluate", "--embeddings", Things("spose49_embedding_things_order.npy"),
            "--triplets", Things("test_10.txt"), "--format", "odd-last", "--categories", categories);

        Assert.Equal(2, code);
        Assert.Contains($"error: {categories}, line 7: category 'food' holds 'yes'; a category matrix holds only 0 or 1.", output);
    }

    [Fact]
    public async Task A_teacher_is_evaluated_at_its_own_temperature_against_its_base_embeddings()
    {
        var dir = Directory.CreateTempSubdirectory("evaluate-teacher-").FullName;
        var (embeddings, triplets, _) = await TeacherCommandTests.WriteInputsAsync(dir);
        var model = Path.Combine(dir, "model");
        var (trainCode, trainOutput) = await RunAsync("teacher", "train", "--embeddings", embeddings, "--triplets", triplets,
            "--format", "odd-last", "--epochs", "2", "--lambda", "0.1", "--cpu", "--out", model);
        Assert.True(trainCode == 0, trainOutput);

        var (evalCode, evalOutput) = await RunAsync("teacher", "eval", "--model", model, "--embeddings", embeddings, "--triplets", triplets, "--format", "odd-last", "--json");
        var (code, output) = await RunAsync("evaluate", "--model", model, "--embeddings", embeddings, "--triplets", triplets,
            "--format", "odd-last", "--bootstrap", "50", "--json");

        Assert.True(evalCode == 0 && code == 0, evalOutput + output);
        using var teacherEval = JsonDocument.Parse(evalOutput);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("artifact", root.GetProperty("models")[0].GetProperty("temperature_source").GetString());
        Assert.Equal(teacherEval.RootElement.GetProperty("temperature").GetDouble(), root.GetProperty("models")[0].GetProperty("temperature").GetDouble(), 12);
        var all = root.GetProperty("all");
        Assert.Equal(teacherEval.RootElement.GetProperty("accuracy").GetDouble(), all.GetProperty("model").GetProperty("accuracy").GetProperty("value").GetDouble(), 12);
        Assert.Equal(teacherEval.RootElement.GetProperty("nll").GetDouble(), all.GetProperty("model").GetProperty("nll").GetProperty("value").GetDouble(), 9);
        var difference = all.GetProperty("difference").GetProperty("accuracy").GetProperty("value").GetDouble();
        var baseline = all.GetProperty("baseline").GetProperty("accuracy").GetProperty("value").GetDouble();
        Assert.Equal(all.GetProperty("model").GetProperty("accuracy").GetProperty("value").GetDouble() - baseline, difference, 12);
        Assert.Equal(JsonValueKind.Object, root.GetProperty("levels").GetProperty("uncategorised").ValueKind);
    }

    [Fact]
    public async Task Few_shot_breeds_and_retention_are_printed_under_transfer()
    {
        // 2 tops × 2 subcategories × 6 items; the model codes top and subcategory on their own axes, the baseline is constant.
        var dir = Directory.CreateTempSubdirectory("evaluate-transfer-").FullName;
        var (rows, baseline, paths) = (new List<string>(), new List<string>(), new List<string>());
        for (var top = 0; top < 2; top++)
        {
            for (var sub = 0; sub < 2; sub++)
            {
                for (var i = 0; i < 6; i++)
                {
                    var row = new double[6];
                    row[top] = 1;
                    row[2 + top * 2 + sub] = 0.5;
                    rows.Add(string.Join(',', row.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture))));
                    baseline.Add("1,1");
                    paths.Add($"t{top}/s{sub}");
                }
            }
        }
        var ct = TestContext.Current.CancellationToken;
        await File.WriteAllLinesAsync(Path.Combine(dir, "x.csv"), rows, ct);
        await File.WriteAllLinesAsync(Path.Combine(dir, "b.csv"), baseline, ct);
        await File.WriteAllLinesAsync(Path.Combine(dir, "h.txt"), paths, ct);
        await File.WriteAllTextAsync(Path.Combine(dir, "t.txt"), "0 1 12\n6 7 20\n", ct);

        var (code, output) = await RunAsync("evaluate", "--embeddings", Path.Combine(dir, "x.csv"), "--baseline", Path.Combine(dir, "b.csv"),
            "--triplets", Path.Combine(dir, "t.txt"), "--format", "odd-last", "--hierarchy", Path.Combine(dir, "h.txt"),
            "--few-shot-ways", "2", "--few-shot-shots", "1", "--breeds", "--retention", "--transfer-seeds", "2", "--bootstrap", "20", "--json");

        Assert.True(code == 0, output);
        using var json = JsonDocument.Parse(output);
        var transfer = json.RootElement.GetProperty("transfer");
        Assert.Equal(1.0, transfer.GetProperty("few_shot").GetProperty("model")[0].GetProperty("accuracy").GetProperty("value").GetDouble());
        Assert.Equal(1.0, transfer.GetProperty("breeds").GetProperty("model").GetProperty("target_accuracy").GetProperty("value").GetDouble());
        Assert.Equal(1.0, transfer.GetProperty("retention").GetProperty("model_nn_accuracy").GetProperty("value").GetDouble());
        Assert.Equal(JsonValueKind.Object, transfer.GetProperty("few_shot").GetProperty("baseline")[0].ValueKind);
    }
}
