using System.Text.Json;
using AligNet.Evaluation.Embeddings;

namespace AligNet.Evaluation.Tests;

/// <summary><c>alignet student train|embed</c> as a user runs them: files in, artifact and .npy out, bad input refused.</summary>
public class StudentCommandTests
{
    private static Task<(int Code, string Output)> RunAsync(params string[] args) => GenerateCommandTests.RunAsync(args);

    private static async Task<(string Dir, string Pool, string Data)> DataSetAsync()
    {
        var dir = Directory.CreateTempSubdirectory("student-cli-").FullName;
        var (pool, _, model) = await GenerateCommandTests.WriteInputsAsync(dir);
        var data = Path.Combine(dir, "data");
        var (code, text) = await RunAsync("generate", "--model", model, "--embeddings", pool, "--count", "2000", "--clusters", "5",
            "--mix", "random=1", "--seed", "5", "--validation", "200", "--out", data);
        Assert.True(code == 0, text);
        return (dir, pool, data);
    }

    [Fact]
    public async Task Trains_a_student_writes_its_artifact_and_embeds_the_pool_in_input_order()
    {
        var (dir, pool, data) = await DataSetAsync();
        var student = Path.Combine(dir, "student");

        var (code, text) = await RunAsync("student", "train", "--embeddings", pool, "--data", data, "--steps", "40", "--batch", "128",
            "--learning-rate", "0.05", "--validate-every", "20", "--checkpoint-every", "25", "--out", student, "--json");

        Assert.True(code == 0, text);
        using var json = JsonDocument.Parse(text[text.IndexOf('{')..]);
        var root = json.RootElement;
        Assert.Equal("linear", root.GetProperty("head").GetString());
        Assert.Equal("teacher", root.GetProperty("labels").GetString());
        Assert.Equal(2, root.GetProperty("curve").GetArrayLength());
        Assert.True(root.GetProperty("final").GetProperty("validation_loss").GetDouble() < root.GetProperty("initial").GetProperty("validation_loss").GetDouble());
        Assert.True(File.Exists(Path.Combine(student, "manifest.json")));
        Assert.True(File.Exists(Path.Combine(student, "weights.dat")));
        Assert.False(Directory.Exists(Path.Combine(student, "checkpoints")), "checkpoints are removed once the artifact is written");

        var output = Path.Combine(dir, "student.npy");
        (code, text) = await RunAsync("student", "embed", "--model", student, "--embeddings", pool, "--out", output);
        Assert.True(code == 0, text);
        var (input, embedded) = (NpyReader.Read(pool), NpyReader.Read(output));
        Assert.Equal((60, 6), (embedded.Rows, embedded.Columns));
        Assert.NotEqual(input.Values.Select(v => (float)v), embedded.Values.Select(v => (float)v)); // the head moved off the identity

        // The student's embeddings score with the evaluator like any other embeddings.
        var triplets = Path.Combine(dir, "triplets.txt");
        await File.WriteAllLinesAsync(triplets, ["0 5 1", "2 7 3", "4 9 10"], TestContext.Current.CancellationToken);
        (code, text) = await RunAsync("eval", "--embeddings", output, "--triplets", triplets, "--format", "odd-last", "--similarity", "dot", "--json");
        Assert.True(code == 0, text);
    }

    [Fact]
    public async Task Calibrate_tau_is_the_teachers_fitted_base_temperature_times_the_pools_mean_squared_norm()
    {
        var (dir, pool, data) = await DataSetAsync();
        // A real teacher run on the pool (rows of one class r % 5 are alike), so its manifest holds the base temperature it fitted.
        var random = new Random(11);
        var lines = Enumerable.Range(0, 1500).Select(_ =>
        {
            int a = random.Next(60), b = (a + 5 * random.Next(1, 12)) % 60, c = (a + random.Next(1, 5)) % 60;
            return $"{a} {b} {c}"; // odd-last: c is of another class than a and b
        });
        var triplets = Path.Combine(dir, "train.txt");
        await File.WriteAllLinesAsync(triplets, lines, TestContext.Current.CancellationToken);
        var teacher = Path.Combine(dir, "real-teacher");
        var (code, text) = await RunAsync("teacher", "train", "--embeddings", pool, "--triplets", triplets, "--format", "odd-last", "--cpu", "--epochs", "2",
            "--lambda", "0.1", "--out", teacher, "--json");
        Assert.True(code == 0, text);
        var student = Path.Combine(dir, "calibrated");

        (code, text) = await RunAsync("student", "train", "--embeddings", pool, "--data", data, "--calibrate-tau", teacher, "--steps", "2", "--out", student);

        Assert.True(code == 0, text);
        var baseTemperature = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(teacher, "manifest.json"), TestContext.Current.CancellationToken))
            .RootElement.GetProperty("test_metrics").GetProperty("base_calibrated").GetProperty("temperature").GetDouble();
        var features = NpyReader.Read(pool);
        var meanSquaredNorm = Enumerable.Range(0, features.Rows).Average(r => features.Row(r).ToArray().Sum(x => x * x));
        var recorded = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(student, "manifest.json"), TestContext.Current.CancellationToken))
            .RootElement.GetProperty("options").GetProperty("temperature").GetDouble();
        Assert.True(baseTemperature > 0, "the teacher fitted a base temperature");
        Assert.Equal(baseTemperature * meanSquaredNorm, recorded, 1e-9 * recorded);

        // Both ways of setting τ_s at once, or a teacher folder whose manifest has no fitted temperature: exit 2, with the fix.
        (code, text) = await RunAsync("student", "train", "--embeddings", pool, "--data", data, "--calibrate-tau", teacher, "--tau", "2", "--out", Path.Combine(dir, "c2"));
        Assert.Equal(2, code);
        Assert.Contains("pass one of them", text);
        (code, text) = await RunAsync("student", "train", "--embeddings", pool, "--data", data, "--calibrate-tau", Path.Combine(dir, "teacher"), "--out", Path.Combine(dir, "c3"));
        Assert.Equal(2, code);
        Assert.Contains("set the student's τ_s yourself", text);
        Assert.False(Directory.Exists(Path.Combine(dir, "c3")) && Directory.EnumerateFileSystemEntries(Path.Combine(dir, "c3")).Any(), "nothing written");
    }

    [Fact]
    public async Task Bad_input_exits_2_with_a_message_that_names_the_fix()
    {
        var (dir, pool, data) = await DataSetAsync();
        var other = Path.Combine(dir, "other.npy");
        var values = new double[60, 6];
        for (var r = 0; r < 60; r++) for (var c = 0; c < 6; c++) values[r, c] = r + c;
        await File.WriteAllBytesAsync(other, NpyWriter.Write(values, "<f4"), TestContext.Current.CancellationToken);

        var (code, text) = await RunAsync("student", "train", "--embeddings", other, "--data", data, "--steps", "5", "--out", Path.Combine(dir, "s1"));
        Assert.Equal(2, code);
        Assert.Contains("another pool", text);
        Assert.DoesNotContain("   at ", text);

        (code, text) = await RunAsync("student", "train", "--embeddings", pool, "--data", Path.Combine(dir, "nowhere"), "--steps", "5", "--out", Path.Combine(dir, "s2"));
        Assert.Equal(2, code);
        Assert.Contains("alignet generate", text);

        (code, text) = await RunAsync("student", "train", "--embeddings", pool, "--data", data, "--tau", "0", "--out", Path.Combine(dir, "s3"));
        Assert.Equal(2, code);
        Assert.Contains("--tau", text);

        (code, text) = await RunAsync("student", "embed", "--model", Path.Combine(dir, "nowhere"), "--embeddings", pool, "--out", Path.Combine(dir, "x.npy"));
        Assert.Equal(2, code);
        Assert.Contains("alignet student train", text);
    }

    [Fact]
    public async Task Trains_an_image_student_from_layer4_and_embeds_the_images_in_list_order()
    {
        const string Stamps = "/usr/share/tuxpaint/stamps";
        if (!Directory.Exists(Path.Combine(Stamps, "animals/birds"))) Assert.Skip($"No Tux Paint photographs under {Stamps}: install tuxpaint-stamps-default.");
        var dir = Directory.CreateTempSubdirectory("student-image-cli-").FullName;
        var (pool, _, model) = await GenerateCommandTests.WriteInputsAsync(dir, rows: 8);
        var data = Path.Combine(dir, "data");
        var (code, text) = await RunAsync("generate", "--model", model, "--embeddings", pool, "--count", "50", "--clusters", "3", "--mix", "random=1", "--seed", "5", "--validation", "6", "--out", data);
        Assert.True(code == 0, text);
        var list = Path.Combine(dir, "images.txt");
        var names = new[] { "animals/birds", "food/fruit" }.SelectMany(f => Directory.GetFiles(Path.Combine(Stamps, f), "*.png").Order(StringComparer.Ordinal).Take(4))
            .Select(path => Path.GetRelativePath(Stamps, path)).ToList();
        await File.WriteAllLinesAsync(list, names, TestContext.Current.CancellationToken);
        var student = Path.Combine(dir, "student");

        (code, text) = await RunAsync("student", "train", "--images", Stamps, "--image-list", list, "--embeddings", pool, "--data", data, "--train-from", "layer4",
            "--linear-head", "--steps", "2", "--batch", "16", "--validate-every", "2", "--out", student, "--json");

        Assert.True(code == 0, text);
        using var json = JsonDocument.Parse(text[text.IndexOf('{')..]);
        Assert.Equal("resnet18", json.RootElement.GetProperty("kind").GetString());
        Assert.Equal("layer4", json.RootElement.GetProperty("train_from").GetString());
        var output = Path.Combine(dir, "student.npy");
        (code, text) = await RunAsync("student", "embed", "--model", student, "--images", Stamps, "--image-list", list, "--out", output);
        Assert.True(code == 0, text);
        var embedded = NpyReader.Read(output);
        Assert.Equal((8, 512), (embedded.Rows, embedded.Columns));
        Assert.All(embedded.Values, v => Assert.True(double.IsFinite(v)));
        (code, text) = await RunAsync("student", "embed", "--base", "--images", Stamps, "--image-list", list, "--out", Path.Combine(dir, "base.npy"));
        Assert.True(code == 0, text);
        var baseline = NpyReader.Read(Path.Combine(dir, "base.npy"));
        Assert.Equal((8, 512), (baseline.Rows, baseline.Columns));
        Assert.NotEqual(baseline.Values, embedded.Values); // two steps and a head moved the student off the base model

        // One image short of the pool, both inputs to embed, and an embedding student given images: refused with the fix.
        await File.WriteAllLinesAsync(list, names.Skip(1), TestContext.Current.CancellationToken);
        (code, text) = await RunAsync("student", "train", "--images", Stamps, "--image-list", list, "--embeddings", pool, "--data", data, "--steps", "2", "--out", Path.Combine(dir, "s2"));
        Assert.Equal(2, code);
        Assert.Contains("7 images for a pool of 8 items", text);
        (code, text) = await RunAsync("student", "embed", "--model", student, "--images", Stamps, "--embeddings", pool, "--out", output);
        Assert.Equal(2, code);
        Assert.Contains("exactly one of --embeddings", text);
        Assert.DoesNotContain("   at ", text);
    }
}
