using System.Text.Json;
using AligNet.Evaluation.Simulation;

namespace AligNet.Evaluation.Tests.Simulation;

public class SamplingResultsTests
{
    private static SamplingPoint Point(string arm, int seed, int responses, double accuracy) =>
        new(arm, seed, 0, responses, accuracy, accuracy, 1.0, null, 1.0, 0);

    [Fact]
    public void The_interval_across_seeds_is_the_student_t_interval_worked_by_hand()
    {
        // 0.5, 0.6, 0.7: mean 0.6, s = 0.1, t(0.975, 2) = 4.302652729911275 (tables / scipy), half-width 0.1 · t / √3.
        var summary = SamplingCurves.Summarize(
            [Point("random", 0, 100, 0.5), Point("random", 1, 100, 0.6), Point("random", 2, 100, 0.7), Point("adaptive", 0, 100, 0.9)], p => p.Accuracy);

        var random = summary.Single(s => s.Arm == "random");
        Assert.Equal(3, random.Seeds);
        Assert.Equal(0.6, random.Mean, 12);
        Assert.Equal(0.6 - 0.2484137711843753, random.Low!.Value, 9);
        Assert.Equal(0.6 + 0.2484137711843753, random.High!.Value, 9);
        var single = summary.Single(s => s.Arm == "adaptive");
        Assert.Equal((1, 0.9, (double?)null, (double?)null), (single.Seeds, single.Mean, single.Low, single.High));
    }

    [Fact]
    public void A_csv_that_is_not_a_simulation_result_is_refused_naming_the_line_and_the_fix()
    {
        var dir = Directory.CreateTempSubdirectory("sampling-csv-").FullName;
        var foreign = Path.Combine(dir, "foreign.csv");
        File.WriteAllLines(foreign, ["series,x,y", "a,1,2"]);
        Assert.Contains("alignet simulate sampling --out", Assert.Throws<DataFormatException>(() => SamplingResultsCsv.Read(foreign)).Message);

        var bad = Path.Combine(dir, "bad.csv");
        File.WriteAllLines(bad, [string.Join(',', SamplingResultsCsv.Columns), "adaptive,0,0,100,0.5,0.5,1,,1,0", "adaptive,0,1,200,high,0.5,1,,1,0"]);
        var error = Assert.Throws<DataFormatException>(() => SamplingResultsCsv.Read(bad));
        Assert.Equal(3, error.Line);
        Assert.Contains("accuracy 'high' is not a finite number", error.Message);
    }

    [Fact]
    public async Task The_cli_runs_both_arms_writes_the_long_csv_and_summarises_across_seeds()
    {
        var ct = TestContext.Current.CancellationToken;
        var dir = Directory.CreateTempSubdirectory("sampling-cli-").FullName;
        // 24 items in 4 categories; embeddings = category indicator plus a little item-specific noise.
        var random = new Random(3);
        var values = new double[24, 6];
        for (var i = 0; i < 24; i++) for (var d = 0; d < 6; d++) values[i, d] = (d == i % 4 ? 1 : 0) + 0.3 * random.NextDouble();
        var embeddings = Path.Combine(dir, "pool.npy");
        await File.WriteAllBytesAsync(embeddings, NpyWriter.Write(values, "<f4"), ct);
        var hierarchy = Path.Combine(dir, "pool.paths.txt");
        await File.WriteAllLinesAsync(hierarchy, Enumerable.Range(0, 24).Select(i => $"{(i % 4 < 2 ? "animals" : "tools")}/c{i % 4}"), ct);
        var csv = Path.Combine(dir, "results.csv");

        var (code, output) = await GenerateCommandTests.RunAsync("simulate", "sampling", "--embeddings", embeddings, "--hierarchy", hierarchy,
            "--seeds", "2", "--seed-batch", "40", "--batch", "20", "--rounds", "1", "--candidates", "300", "--held-out", "200", "--epochs", "2",
            "--triplet-batch", "16", "--out", csv, "--json");

        Assert.True(code == 0, output);
        var points = SamplingResultsCsv.Read(csv);
        Assert.Equal(2 * 2 * 2, points.Count); // arms × seeds × (seed batch + 1 round)
        Assert.Equal([40, 60], points.Select(p => p.Responses).Distinct().Order());
        using var json = JsonDocument.Parse(output[output.IndexOf('{')..]);
        var accuracy = json.RootElement.GetProperty("accuracy").EnumerateArray().ToArray();
        Assert.Equal(4, accuracy.Length); // arms × response counts
        var first = accuracy.First(a => a.GetProperty("arm").GetString() == "adaptive" && a.GetProperty("responses").GetInt32() == 60);
        var expected = points.Where(p => p.Arm == "adaptive" && p.Responses == 60).Average(p => p.Accuracy);
        Assert.Equal(expected, first.GetProperty("mean").GetDouble(), 12);
        Assert.Equal(2, first.GetProperty("seeds").GetInt32());

        // Runs of separate seeds merge into one summary; the same run twice is refused.
        var merged = Path.Combine(dir, "merged.csv");
        (code, output) = await GenerateCommandTests.RunAsync("simulate", "sampling", "--merge", csv, "--out", merged);
        Assert.True(code == 0, output);
        Assert.Equal(points, SamplingResultsCsv.Read(merged));
        Assert.Contains("| 60 |", output);
        (code, output) = await GenerateCommandTests.RunAsync("simulate", "sampling", "--merge", csv, csv);
        Assert.Equal(2, code);
        Assert.Contains("is in more than one merged file", output);
    }

    [Fact]
    public async Task An_unknown_score_is_refused_with_the_choices()
    {
        var (code, output) = await GenerateCommandTests.RunAsync("simulate", "sampling", "--embeddings", "x.npy", "--hierarchy", "x.txt", "--score", "margin");
        Assert.Equal(2, code);
        Assert.DoesNotContain("   at ", output);
    }
}
