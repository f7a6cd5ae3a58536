using System.Text.Json;
using AligNet.TestSupport;

namespace AligNet.Evaluation.Tests.Simulation;

/// <summary><c>alignet simulate</c> as a user runs it: a stimulus folder's manifest in, a file 'alignet evaluate' reads out.</summary>
public class SimulateCommandTests
{
    private static async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        await using var cli = HostProcess.Start("AligNet.Cli", "alignet.dll", new Dictionary<string, string?>(), args);
        var code = await cli.WaitForExitAsync(TimeSpan.FromMinutes(2));
        return (code, cli.Output);
    }

    [Fact]
    public async Task Judgments_from_a_manifest_are_read_by_evaluate_and_agree_with_an_embedding_of_shared_path_depth()
    {
        var ct = TestContext.Current.CancellationToken;
        var dir = Directory.CreateTempSubdirectory("simulate-cli-").FullName;
        var images = Directory.CreateDirectory(Path.Combine(dir, "images")).FullName;
        var tiny = JudgmentSimulatorTests.Tiny;
        await File.WriteAllLinesAsync(Path.Combine(images, "manifest.csv"),
            ["file,label,category", .. tiny.Select((p, i) => $"{i}.png,{p[^1]},{string.Join('/', p.Take(p.Count - 1))}/{p[^1]}")], ct);
        // One dimension per category prefix: the dot product of two items is the depth of their shared path, the oracle's similarity.
        var prefixes = tiny.SelectMany(p => Enumerable.Range(1, p.Count).Select(d => string.Join('/', p.Take(d)))).Distinct().ToList();
        var values = new double[tiny.Count, prefixes.Count];
        for (var i = 0; i < tiny.Count; i++) for (var d = 1; d <= tiny[i].Count; d++) values[i, prefixes.IndexOf(string.Join('/', tiny[i].Take(d)))] = 1;
        var embeddings = Path.Combine(dir, "depth.npy");
        await File.WriteAllBytesAsync(embeddings, NpyWriter.Write(values, "<f4"), ct);
        var triplets = Path.Combine(dir, "sim.tsv");

        var (code, output) = await RunAsync("simulate", "--images", images, "--triplets", "40", "--repeats", "3", "--participants", "6",
            "--noise", "0", "--seed", "4", "--out", triplets);
        Assert.True(code == 0, output);
        Assert.Contains("Wrote 120 judgments (40 triplets × 3) by 6 participants over 4 items", output);
        var again = Path.Combine(dir, "again.tsv");
        (code, output) = await RunAsync("simulate", "--images", images, "--triplets", "40", "--repeats", "3", "--participants", "6",
            "--noise", "0", "--seed", "4", "--out", again);
        Assert.True(code == 0, output);
        Assert.Equal(await File.ReadAllTextAsync(triplets, ct), await File.ReadAllTextAsync(again, ct));

        (code, output) = await RunAsync("evaluate", "--embeddings", embeddings, "--triplets", triplets, "--format", "choice", "--bootstrap", "50", "--json");
        Assert.True(code == 0, output);
        using var json = JsonDocument.Parse(output);
        var all = json.RootElement.GetProperty("all");
        Assert.Equal(1.0, all.GetProperty("model").GetProperty("accuracy").GetProperty("value").GetDouble());
        Assert.Equal(120, all.GetProperty("responses").GetInt32());
    }

    [Fact]
    public async Task Without_a_source_of_categories_it_is_refused_with_the_fix()
    {
        var (code, output) = await RunAsync("simulate", "--triplets", "10", "--out", Path.Combine(Path.GetTempPath(), "never.tsv"));
        Assert.Equal(2, code);
        Assert.Contains("error: Give exactly one of --set NAME, --images FOLDER or --hierarchy FILE", output);
        Assert.DoesNotContain("   at ", output);
    }
}
