using System.Text.Json;
using AligNet.Evaluation.Embeddings;
using AligNet.TestSupport;

namespace AligNet.Integration.Tests;

/// <summary>
/// <c>alignet student train|embed --set NAME</c> (issue 12): an image student over a stimulus set's images from the
/// real database and stimulus store, trained on AligNet data generated over that set's stored ResNet18 embeddings
/// (which the CLI computes and writes out itself).
/// </summary>
public class StudentSetCommandTests
{
    private static async Task<(int Code, string Output)> RunAsync(string connectionString, string store, params string[] args)
    {
        var environment = new Dictionary<string, string?> { ["ConnectionStrings__AligNet"] = connectionString, ["Stimuli__Root"] = store };
        await using var cli = HostProcess.Start("AligNet.Cli", "alignet.dll", environment, args);
        var code = await cli.WaitForExitAsync(TimeSpan.FromMinutes(2));
        return (code, cli.Output);
    }

    [Fact]
    public async Task Trains_and_embeds_an_image_student_over_a_sets_images_and_refuses_mixed_or_unknown_inputs_with_the_fix()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestPostgres.CreateDatabaseAsync();
        var store = Directory.CreateTempSubdirectory("alignet-store-").FullName;
        var dir = Directory.CreateTempSubdirectory("student-set-cli-").FullName;
        await using (var db = database.CreateContext()) await ColourImageSet.CreateAsync(db, store, dir, ct);
        // Everything else through the CLI: the set's ResNet18 embeddings into the database, the same pool as a file
        // (student embed --base --set), a teacher and AligNet data over it.
        var pool = Path.Combine(dir, "base.npy");
        var shards = Path.Combine(dir, "data");
        string[][] steps =
        [
            ["embed", "--set", ColourImageSet.Name],
            ["student", "embed", "--base", "--set", ColourImageSet.Name, "--out", pool],
            ["teacher", "train", "--embeddings", pool, "--triplets", Path.Combine(dir, "colour-judgments.txt"), "--format", "odd-last", "--lambda", "1", "--epochs", "2", "--seed", "7", "--out", Path.Combine(dir, "teacher")],
            ["generate", "--model", Path.Combine(dir, "teacher"), "--embeddings", pool, "--count", "40", "--clusters", "3", "--mix", "random=1", "--seed", "3", "--validation", "8", "--out", shards],
        ];
        foreach (var step in steps)
        {
            var (stepCode, stepOutput) = await RunAsync(database.ConnectionString, store, step);
            Assert.True(stepCode == 0, $"{string.Join(' ', step)}: {stepOutput}");
        }
        var student = Path.Combine(dir, "student");

        var (code, output) = await RunAsync(database.ConnectionString, store, "student", "train", "--set", ColourImageSet.Name, "--data", shards,
            "--train-from", "layer4", "--linear-head", "--tau", "500", "--steps", "2", "--batch", "4", "--learning-rate", "1e-5", "--validate-every", "2", "--out", student, "--json");

        Assert.True(code == 0, output);
        using (var json = JsonDocument.Parse(output[output.IndexOf('{')..]))
        {
            Assert.Equal(("resnet18", "layer4"), (json.RootElement.GetProperty("kind").GetString(), json.RootElement.GetProperty("train_from").GetString()));
        }
        var embedded = Path.Combine(dir, "student.npy");
        (code, output) = await RunAsync(database.ConnectionString, store, "student", "embed", "--model", student, "--set", ColourImageSet.Name, "--out", embedded);
        Assert.True(code == 0, output);
        var values = NpyReader.Read(embedded);
        Assert.Equal((ColourImageSet.Items, 512), (values.Rows, values.Columns));
        Assert.All(values.Values, v => Assert.True(double.IsFinite(v)));

        (code, output) = await RunAsync(database.ConnectionString, store, "student", "train", "--set", ColourImageSet.Name, "--embeddings", embedded, "--data", shards, "--out", Path.Combine(dir, "s2"));
        Assert.Equal(2, code);
        Assert.Contains("drop --images and --embeddings", output);
        (code, output) = await RunAsync(database.ConnectionString, store, "student", "train", "--set", "no such set", "--data", shards, "--out", Path.Combine(dir, "s3"));
        Assert.Equal(2, code);
        Assert.Contains("No stimulus set named or numbered 'no such set'", output);
        Assert.DoesNotContain("   at ", output);
        Directory.Delete(store, true);
        Directory.Delete(dir, true);
    }
}
