using System.Text.Json;
using AligNet.TestSupport;

namespace AligNet.Evaluation.Tests;

/// <summary>The <c>alignet eval</c> program as a user runs it: one JSON object on success, exit 2 and a reason on bad input.</summary>
public class EvalCommandTests
{
    private static async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        await using var cli = HostProcess.Start("AligNet.Cli", "alignet.dll", new Dictionary<string, string?>(), args);
        var code = await cli.WaitForExitAsync(TimeSpan.FromMinutes(2));
        return (code, cli.Output);
    }

    private static string Things(string name)
    {
        var path = Path.Combine(RepoPaths.SharedData, "things", name);
        if (!File.Exists(path)) Assert.Skip($"THINGS data not found at {path} (set ALIGNET_SHARED_DATA).");
        return path;
    }

    [Fact]
    public async Task Eval_prints_one_json_object_with_the_published_noise_ceiling()
    {
        var (code, output) = await RunAsync("eval", "--embeddings", Things("vice_things_embedding.npy"),
            "--triplets", Things("test_triplets.tsv"), "--format", "choice", "--similarity", "dot", "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(20_000, root.GetProperty("responses").GetInt32());
        Assert.Equal(1_000, root.GetProperty("triplets").GetInt32());
        Assert.Equal(0.636, root.GetProperty("accuracy").GetDouble(), 0.0005);
        Assert.Equal(0.672, root.GetProperty("noise_ceiling").GetDouble(), 0.0005);
        Assert.True(root.GetProperty("majority_accuracy").GetDouble() > 0.8);
    }

    [Fact]
    public async Task Eval_reports_a_null_noise_ceiling_when_no_triplet_repeats()
    {
        var dir = Directory.CreateTempSubdirectory("eval-").FullName;
        var triplets = Path.Combine(dir, "t.txt");
        await File.WriteAllTextAsync(triplets, "0 1 2\n0 1 3\n", TestContext.Current.CancellationToken);

        var (code, output) = await RunAsync("eval", "--embeddings", Things("spose49_embedding_things_order.npy"),
            "--triplets", triplets, "--format", "odd-last", "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("noise_ceiling").ValueKind);
    }

    [Fact]
    public async Task Eval_names_the_file_line_and_reason_of_bad_input_and_exits_2()
    {
        var dir = Directory.CreateTempSubdirectory("eval-").FullName;
        var triplets = Path.Combine(dir, "bad.txt");
        await File.WriteAllTextAsync(triplets, "0 1 2\n0 1 99999\n", TestContext.Current.CancellationToken);

        var (code, output) = await RunAsync("eval", "--embeddings", Things("spose49_embedding_things_order.npy"),
            "--triplets", triplets, "--format", "odd-last", "--json");

        Assert.Equal(2, code);
        Assert.Contains($"error: {triplets}, line 2: index 99999 is out of range (0–1853 for 1854 items).", output);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public async Task Eval_refuses_an_unknown_format_with_the_allowed_values()
    {
        var (code, output) = await RunAsync("eval", "--embeddings", "x.npy", "--triplets", "t.txt", "--format", "pairs");

        Assert.NotEqual(0, code);
        Assert.Contains("pairs", output);
        Assert.Contains("odd-last", output);
    }
}
