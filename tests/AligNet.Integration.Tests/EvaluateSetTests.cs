using System.Text.Json;
using AligNet.Domain.Stimuli;
using AligNet.TestSupport;

namespace AligNet.Integration.Tests;

/// <summary><c>alignet evaluate --set</c>: levels from a stimulus set's category paths in the real database.</summary>
public class EvaluateSetTests
{
    private static async Task<(int Code, string Output)> RunAsync(string connectionString, params string[] args)
    {
        var environment = new Dictionary<string, string?> { ["ConnectionStrings__AligNet"] = connectionString };
        await using var cli = HostProcess.Start("AligNet.Cli", "alignet.dll", environment, args);
        var code = await cli.WaitForExitAsync(TimeSpan.FromMinutes(2));
        return (code, cli.Output);
    }

    [Fact]
    public async Task Levels_come_from_the_category_paths_and_an_unknown_set_is_refused_with_the_known_ones()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync();
        var ct = TestContext.Current.CancellationToken;
        string[][] paths = [["animals", "birds"], ["animals", "birds"], ["animals", "birds"], ["animals", "dogs"], ["food", "fruit"]];
        var set = new StimulusSet { Id = Guid.NewGuid(), Name = "paths", CreatedAt = DateTimeOffset.UtcNow };
        for (var i = 0; i < paths.Length; i++) set.Stimuli.Add(new Stimulus { Id = Guid.NewGuid(), Index = i, Label = $"s{i}", CategoryPath = paths[i] });
        await using (var db = database.CreateContext())
        {
            db.StimulusSets.Add(set);
            await db.SaveChangesAsync(ct);
        }
        var dir = Directory.CreateTempSubdirectory("evaluate-set-").FullName;
        var embeddings = Path.Combine(dir, "x.csv");
        await File.WriteAllTextAsync(embeddings, "1,0\n1,0.1\n0.9,0\n0,1\n-1,0\n", ct);
        var triplets = Path.Combine(dir, "t.txt");
        // fine {0,1,2} ×2, boundary {0,1,3}, coarse by the finest category {0,3,4}
        await File.WriteAllTextAsync(triplets, "0 1 2\n0 2 1\n0 1 3\n0 3 4\n", ct);

        var (code, output) = await RunAsync(database.ConnectionString, "evaluate", "--embeddings", embeddings, "--triplets", triplets,
            "--format", "odd-last", "--set", "paths", "--bootstrap", "20", "--json");

        Assert.True(code == 0, output);
        using var json = JsonDocument.Parse(output);
        var levels = json.RootElement.GetProperty("levels");
        Assert.Equal(2, levels.GetProperty("fine").GetProperty("responses").GetInt32());
        Assert.Equal(1, levels.GetProperty("boundary").GetProperty("responses").GetInt32());
        Assert.Equal(1, levels.GetProperty("coarse").GetProperty("responses").GetInt32());

        var (topCode, topOutput) = await RunAsync(database.ConnectionString, "evaluate", "--embeddings", embeddings, "--triplets", triplets,
            "--format", "odd-last", "--set", "paths", "--category-depth", "1", "--bootstrap", "0", "--json");
        Assert.True(topCode == 0, topOutput);
        using var top = JsonDocument.Parse(topOutput);
        Assert.Equal(3, top.RootElement.GetProperty("levels").GetProperty("fine").GetProperty("responses").GetInt32()); // all animals
        Assert.Equal(1, top.RootElement.GetProperty("levels").GetProperty("boundary").GetProperty("responses").GetInt32());

        var (unknownCode, unknownOutput) = await RunAsync(database.ConnectionString, "evaluate", "--embeddings", embeddings, "--triplets", triplets,
            "--format", "odd-last", "--set", "no such set");
        Assert.Equal(2, unknownCode);
        Assert.Contains("error: No stimulus set named or numbered 'no such set' (--set): give a set's exact name or id; known sets: paths.", unknownOutput);
        Assert.DoesNotContain("   at ", unknownOutput);
    }
}
