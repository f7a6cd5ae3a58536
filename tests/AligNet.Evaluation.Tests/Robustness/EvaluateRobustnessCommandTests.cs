using System.Text.Json;
using AligNet.Evaluation.Simulation;
using AligNet.TestSupport;

namespace AligNet.Evaluation.Tests.Robustness;

/// <summary><c>alignet evaluate --corrupted/--style-shift</c> as a user runs it, on features whose answers are known.</summary>
public class EvaluateRobustnessCommandTests
{
    [Fact]
    public async Task Identical_features_change_nothing_and_swapped_classes_lose_the_probe()
    {
        var ct = TestContext.Current.CancellationToken;
        var dir = Directory.CreateTempSubdirectory("evaluate-robust-").FullName;
        var (features, hierarchy) = ShiftProbeTests.Separable();
        string File(string name) => Path.Combine(dir, name);
        await System.IO.File.WriteAllBytesAsync(File("clean.npy"), NpyWriter.Write(ToArray(features), "<f8"), ct);
        await System.IO.File.WriteAllBytesAsync(File("swapped.npy"), NpyWriter.Write(ToArray(ShiftProbeTests.Swapped(features)), "<f8"), ct);
        await System.IO.File.WriteAllLinesAsync(File("paths.txt"), hierarchy.Paths.Select(p => string.Join('/', p)), ct);
        SimulatedJudgmentFile.Write(File("sim.tsv"), JudgmentSimulator.Simulate(hierarchy.Paths, new SimulationOptions(200, 0, Seed: 2)), []);

        await using var cli = HostProcess.Start("AligNet.Cli", "alignet.dll", new Dictionary<string, string?>(),
            ["evaluate", "--embeddings", File("clean.npy"), "--triplets", File("sim.tsv"), "--format", "choice", "--hierarchy", File("paths.txt"),
             "--corrupted", $"same={File("clean.npy")}", $"swapped={File("swapped.npy")}", "--style-shift", $"other={File("swapped.npy")}",
             "--bootstrap", "50", "--transfer-seeds", "2", "--json"]);
        Assert.True(await cli.WaitForExitAsync(TimeSpan.FromMinutes(2)) == 0, cli.Output);

        using var json = JsonDocument.Parse(cli.Output);
        // Levels from the --hierarchy paths: 3 categories of 5 items, so uniform triplets give every level.
        var levels = json.RootElement.GetProperty("levels");
        Assert.True(levels.TryGetProperty("coarse", out _) && levels.TryGetProperty("fine", out _) && levels.TryGetProperty("boundary", out _), levels.ToString());
        Assert.False(levels.TryGetProperty("uncategorised", out _));
        var corruptions = json.RootElement.GetProperty("corruptions");
        Assert.Equal(3, corruptions.GetProperty("probe_classes").GetInt32());
        var clean = corruptions.GetProperty("clean").GetProperty("model");
        Assert.Equal(1.0, clean.GetProperty("probe_accuracy").GetProperty("value").GetDouble());
        var same = corruptions.GetProperty("variants")[0];
        Assert.Equal("same", same.GetProperty("name").GetString());
        var model = same.GetProperty("models").GetProperty("model");
        Assert.Equal(clean.GetProperty("agreement").GetProperty("value").GetDouble(), model.GetProperty("agreement").GetProperty("value").GetDouble());
        Assert.Equal(0.0, model.GetProperty("agreement_change").GetProperty("value").GetDouble());
        Assert.Equal(1.0, model.GetProperty("probe_accuracy").GetProperty("value").GetDouble());
        var swapped = corruptions.GetProperty("variants")[1].GetProperty("models").GetProperty("model");
        Assert.Equal(0.0, swapped.GetProperty("probe_accuracy").GetProperty("value").GetDouble());
        var style = json.RootElement.GetProperty("style_shift").GetProperty("variants")[0].GetProperty("models").GetProperty("model");
        Assert.Equal(0.0, style.GetProperty("probe_same_items").GetProperty("value").GetDouble());
    }

    [Fact]
    public async Task A_shifted_file_of_another_size_is_refused_with_the_fix()
    {
        var ct = TestContext.Current.CancellationToken;
        var dir = Directory.CreateTempSubdirectory("evaluate-robust-").FullName;
        var (features, hierarchy) = ShiftProbeTests.Separable();
        var clean = Path.Combine(dir, "clean.npy");
        var small = Path.Combine(dir, "small.npy");
        await System.IO.File.WriteAllBytesAsync(clean, NpyWriter.Write(ToArray(features), "<f8"), ct);
        await System.IO.File.WriteAllBytesAsync(small, NpyWriter.Write(new double[4, 5], "<f8"), ct);
        var triplets = Path.Combine(dir, "sim.tsv");
        SimulatedJudgmentFile.Write(triplets, JudgmentSimulator.Simulate(hierarchy.Paths, new SimulationOptions(20, 0)), []);

        await using var cli = HostProcess.Start("AligNet.Cli", "alignet.dll", new Dictionary<string, string?>(),
            ["evaluate", "--embeddings", clean, "--triplets", triplets, "--format", "choice", "--corrupted", $"blur-1={small}", "--json"]);
        Assert.Equal(2, await cli.WaitForExitAsync(TimeSpan.FromMinutes(2)));
        Assert.Contains($"error: --corrupted {small} is 4 × 5, --embeddings 15 × 5: give the same model's features of the same items in the same order.", cli.Output);
    }

    private static double[,] ToArray(Evaluation.Embeddings.EmbeddingMatrix m)
    {
        var values = new double[m.Rows, m.Columns];
        for (var r = 0; r < m.Rows; r++) for (var c = 0; c < m.Columns; c++) values[r, c] = m.Row(r)[c];
        return values;
    }
}
