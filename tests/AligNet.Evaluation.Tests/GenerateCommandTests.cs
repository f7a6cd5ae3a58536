using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AligNet.TestSupport;

namespace AligNet.Evaluation.Tests;

/// <summary><c>alignet generate</c> as a user runs it: a data set from files, every bad input, and a kill followed by a resume.</summary>
public class GenerateCommandTests
{
    internal static async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        await using var cli = HostProcess.Start("AligNet.Cli", "alignet.dll", new Dictionary<string, string?>(), args);
        var code = await cli.WaitForExitAsync(TimeSpan.FromMinutes(3));
        return (code, cli.Output);
    }

    /// <summary>A pool of <paramref name="rows"/> items in 6 dimensions around 5 centres, its labels, and a teacher artifact for 6 dimensions.</summary>
    internal static async Task<(string Pool, string Labels, string Model)> WriteInputsAsync(string dir, int rows = 60)
    {
        const int P = 6;
        var random = new Random(4);
        var values = new double[rows, P];
        for (var r = 0; r < rows; r++) for (var c = 0; c < P; c++) values[r, c] = (r % 5 == c ? 3 : 0) + random.NextDouble();
        var ct = TestContext.Current.CancellationToken;
        var (pool, labels, model) = (Path.Combine(dir, "pool.npy"), Path.Combine(dir, "labels.txt"), Path.Combine(dir, "teacher"));
        await File.WriteAllBytesAsync(pool, NpyWriter.Write(values, "<f4"), ct);
        await File.WriteAllLinesAsync(labels, Enumerable.Range(0, rows).Select(r => $"class {r % 5}"), ct);

        // The artifact layout of TeacherArtifact (ADR-007), written by hand: this project does not reference AligNet.Ml.
        Directory.CreateDirectory(model);
        using var weights = new MemoryStream();
        using (var writer = new BinaryWriter(weights, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write("ALIGNET-TEACHER1"u8);
            writer.Write(P);
            for (var i = 0; i < P * P; i++) writer.Write((i / P == i % P ? 1.0 : 0.0) + random.NextDouble() * 0.1);
            for (var i = 0; i < P; i++) writer.Write(0.0);
        }
        await File.WriteAllBytesAsync(Path.Combine(model, "weights.bin"), weights.ToArray(), ct);
        var manifest = new
        {
            format = "alignet-teacher", version = 1, embeddings = new { rows = 100, columns = P, sha256 = new string('0', 64) },
            mean = 0.5, deviation = 1.2, temperature = 0.7, weights_file = "weights.bin", weights_sha256 = Convert.ToHexStringLower(SHA256.HashData(weights.ToArray())),
        };
        await File.WriteAllTextAsync(Path.Combine(model, "manifest.json"), JsonSerializer.Serialize(manifest), ct);
        return (pool, labels, model);
    }

    [Fact]
    public async Task Generates_a_data_set_with_the_requested_counts_and_prints_one_json_object()
    {
        var dir = Directory.CreateTempSubdirectory("generate-cli-").FullName;
        var (pool, labels, model) = await WriteInputsAsync(dir);
        var output = Path.Combine(dir, "data");

        var (code, text) = await RunAsync("generate", "--model", model, "--embeddings", pool, "--labels", labels, "--count", "2000", "--clusters", "5",
            "--mix", "between_class=0.3,class_border=0.2,within_cluster=0.2,random=0.3", "--seed", "5", "--validation", "100", "--shard-size", "800", "--out", output, "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(text[text.IndexOf('{')..]);
        var root = json.RootElement;
        Assert.Equal(2000, root.GetProperty("train").GetInt64());
        Assert.Equal(100, root.GetProperty("validation").GetInt64());
        Assert.Equal(600, root.GetProperty("train_counts").GetProperty("between_class").GetInt64());
        Assert.Equal(2000, root.GetProperty("entropy_histogram").EnumerateArray().Sum(v => v.GetInt64()));
        Assert.Equal(3, root.GetProperty("train_shards").GetInt32());
        Assert.True(File.Exists(Path.Combine(output, "train", "shard-00002.parquet")));
        Assert.True(File.Exists(Path.Combine(output, "validation", "shard-00000.parquet")));
    }

    public static TheoryData<string[], string> BadInputs => new()
    {
        { ["--clusters", "61"], "--clusters 61 is larger than the pool (60 items)" },
        { ["--mix", "random=0.5,within_cluster=0.3"], "sum to 0.8, not 1" },
        { ["--mix", "random=0.5,sideways=0.5"], "unknown sampling variant 'sideways'" },
        { ["--mix", "within_class=1", "--no-labels"], "need class labels" },
        { ["--count", "40000"], "a pool of 60 items has only 34,220" },
        { ["--labels-short"], "59 lines for 60 embedding rows" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_exits_with_code_2_and_a_line_that_names_the_fix(string[] change, string expected)
    {
        var dir = Directory.CreateTempSubdirectory("generate-cli-bad-").FullName;
        var (pool, labels, model) = await WriteInputsAsync(dir);
        if (change.Contains("--labels-short")) await File.WriteAllLinesAsync(labels, (await File.ReadAllLinesAsync(labels, TestContext.Current.CancellationToken))[1..], TestContext.Current.CancellationToken);
        var args = new Dictionary<string, string> { ["--model"] = model, ["--embeddings"] = pool, ["--labels"] = labels, ["--count"] = "100", ["--clusters"] = "5", ["--out"] = Path.Combine(dir, "data") };
        for (var i = 0; i + 1 < change.Length; i += 2) if (change[i].StartsWith("--", StringComparison.Ordinal) && !change[i + 1].StartsWith("--", StringComparison.Ordinal)) args[change[i]] = change[i + 1];
        if (change.Contains("--no-labels")) args.Remove("--labels");

        var (code, output) = await RunAsync(["generate", .. args.SelectMany(a => new[] { a.Key, a.Value })]);

        Assert.Equal(2, code);
        Assert.Contains(expected, output);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public async Task A_pool_smaller_than_a_triplet_is_refused()
    {
        var dir = Directory.CreateTempSubdirectory("generate-cli-tiny-").FullName;
        var (_, _, model) = await WriteInputsAsync(dir);
        var tiny = Path.Combine(dir, "tiny.npy");
        await File.WriteAllBytesAsync(tiny, NpyWriter.Write(new double[2, 6]), TestContext.Current.CancellationToken);

        var (code, output) = await RunAsync("generate", "--model", model, "--embeddings", tiny, "--count", "1", "--clusters", "1", "--mix", "random=1", "--out", Path.Combine(dir, "data"));

        Assert.Equal(2, code);
        Assert.Contains("a triplet needs at least 3 distinct items", output);
    }

    /// <summary>The process is killed once two training shards are complete; the same command then finishes the job, byte for byte as one uninterrupted run.</summary>
    [Fact]
    public async Task A_killed_run_resumes_to_the_same_files_as_an_uninterrupted_one()
    {
        var dir = Directory.CreateTempSubdirectory("generate-cli-kill-").FullName;
        var (pool, _, model) = await WriteInputsAsync(dir, rows: 3000);
        string[] Args(string output) => ["generate", "--model", model, "--embeddings", pool, "--count", "1500000", "--clusters", "20", "--seed", "9",
            "--shard-size", "20000", "--out", output];
        var (whole, killed) = (Path.Combine(dir, "whole"), Path.Combine(dir, "killed"));

        await using (var cli = HostProcess.Start("AligNet.Cli", "alignet.dll", new Dictionary<string, string?>(), Args(killed)))
        {
            Assert.True(await cli.WaitForOutputAsync("train: 40,000/", TimeSpan.FromMinutes(2)), cli.Output);
        } // disposing kills the process tree
        var partial = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(killed, "manifest.json"), TestContext.Current.CancellationToken)).RootElement;
        Assert.False(partial.GetProperty("complete").GetBoolean(), "the run was killed before it finished");

        var (resumedCode, resumedOutput) = await RunAsync([.. Args(killed), "--json"]);
        var (wholeCode, _) = await RunAsync(Args(whole));

        Assert.Equal(0, resumedCode);
        Assert.Equal(0, wholeCode);
        Assert.True(JsonDocument.Parse(resumedOutput[resumedOutput.IndexOf('{')..]).RootElement.GetProperty("shards_reused").GetInt32() >= 3);
        Assert.Equal(Hashes(whole), Hashes(killed));
    }

    private static Dictionary<string, string> Hashes(string directory) =>
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(directory, f), f => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f))));
}
