using System.Text.Json;
using AligNet.TestSupport;

namespace AligNet.Evaluation.Tests;

/// <summary><c>alignet teacher train|eval</c> as a user runs them, on a small synthetic problem.</summary>
public class TeacherCommandTests
{
    private static async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        await using var cli = HostProcess.Start("AligNet.Cli", "alignet.dll", new Dictionary<string, string?>(), args);
        var code = await cli.WaitForExitAsync(TimeSpan.FromMinutes(3));
        return (code, cli.Output);
    }

    /// <summary>30 items × 4 dimensions; people keep the pair closest on dimension 0.</summary>
    internal static async Task<(string Embeddings, string Triplets, string Other)> WriteInputsAsync(string dir)
    {
        var random = new Random(2);
        var values = new double[30, 4];
        for (var r = 0; r < 30; r++) for (var c = 0; c < 4; c++) values[r, c] = random.NextDouble();
        var lines = new List<string>();
        for (var t = 0; t < 300; t++)
        {
            var (i, j, k) = (random.Next(30), random.Next(30), random.Next(30));
            if (i == j || i == k || j == k) continue;
            double D(int a, int b) => Math.Abs(values[a, 0] - values[b, 0]);
            lines.Add(D(i, j) <= D(i, k) && D(i, j) <= D(j, k) ? $"{i} {j} {k}" : D(i, k) <= D(j, k) ? $"{i} {k} {j}" : $"{j} {k} {i}");
        }
        var ct = TestContext.Current.CancellationToken;
        var (embeddings, triplets, other) = (Path.Combine(dir, "x.npy"), Path.Combine(dir, "t.txt"), Path.Combine(dir, "other.npy"));
        await File.WriteAllBytesAsync(embeddings, NpyWriter.Write(values), ct);
        await File.WriteAllLinesAsync(triplets, lines, ct);
        values[0, 0] += 0.5;
        await File.WriteAllBytesAsync(other, NpyWriter.Write(values), ct);
        return (embeddings, triplets, other);
    }

    [Fact]
    public async Task Train_writes_an_artifact_that_eval_scores_and_other_embeddings_are_refused()
    {
        var dir = Directory.CreateTempSubdirectory("teacher-cli-").FullName;
        var (embeddings, triplets, other) = await WriteInputsAsync(dir);
        var model = Path.Combine(dir, "model");

        var (trainCode, trainOutput) = await RunAsync("teacher", "train", "--embeddings", embeddings, "--triplets", triplets,
            "--format", "odd-last", "--epochs", "2", "--lambda", "0.1", "--cpu", "--out", model, "--json");
        Assert.Equal(0, trainCode);
        Assert.Contains("\"chosen_lambda\": 0.1", trainOutput);
        Assert.True(File.Exists(Path.Combine(model, "manifest.json")) && File.Exists(Path.Combine(model, "weights.bin")));

        var (evalCode, evalOutput) = await RunAsync("teacher", "eval", "--model", model, "--embeddings", embeddings,
            "--triplets", triplets, "--format", "odd-last", "--json");
        Assert.Equal(0, evalCode);
        using var json = JsonDocument.Parse(evalOutput);
        foreach (var key in new[] { "responses", "triplets", "accuracy", "majority_accuracy", "noise_ceiling", "nll", "ece", "temperature" })
        {
            Assert.True(json.RootElement.TryGetProperty(key, out _), key);
        }

        var (refusedCode, refusedOutput) = await RunAsync("teacher", "eval", "--model", model, "--embeddings", other,
            "--triplets", triplets, "--format", "odd-last", "--json");
        Assert.Equal(2, refusedCode);
        Assert.Contains("trained on other embeddings", refusedOutput);
        Assert.DoesNotContain("   at ", refusedOutput);
    }
}
