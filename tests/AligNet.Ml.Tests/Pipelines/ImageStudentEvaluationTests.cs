using System.Text.Json;
using AligNet.Data.Dashboards;
using AligNet.Data.Models;
using AligNet.Domain.Models;
using AligNet.Evaluation.Embeddings;
using AligNet.Ml.BaseModels;
using AligNet.Ml.Students;
using AligNet.Ml.Students.Images;
using AligNet.Ml.Teacher;
using AligNet.Pipelines.Embeddings;
using AligNet.Pipelines.Evaluation;
using AligNet.Pipelines.Generation;
using AligNet.Pipelines.Students;
using AligNet.Pipelines.Teachers;
using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Ml.Tests.Pipelines;

/// <summary>
/// An image student evaluated by the evaluation run (real PostgreSQL, a real stimulus store): <see cref="ColourImageSet"/>
/// with two-level category paths, its ResNet18 embeddings, a teacher, AligNet data and a ResNet18 student trained for
/// two steps. The reference is the independent path a researcher would take: the real <c>alignet</c> program embeds the
/// set's images with the student (<c>student embed --model DIR --set NAME</c>) and scores the teacher's held-out
/// split, written to a triplet file, with <c>alignet evaluate --set NAME --json</c>; the accuracy is also counted here
/// by hand from the .npy's dot products, and the stored map is checked against an SVD of the same rows.
/// </summary>
public class ImageStudentEvaluationTests : ColourTeacherTestBase
{
    // warm/{red, orange} and cool/{green, blue}: every abstraction level occurs among the judgments.
    protected override string[] CategoryPath(int index) => index < 4 ? ["warm", index < 2 ? "red" : "orange"] : ["cool", index < 6 ? "green" : "blue"];

    private async Task<ModelVersion> TrainStudentAsync(AligNet.Data.AligNetDbContext db, CancellationToken ct)
    {
        var datasetId = Guid.NewGuid();
        await new AligNetDataPipeline(db, artifacts).GenerateAsync(new(datasetId, [setId], null, Count: 40, Clusters: 3, Mixture: "random=1", Seed: 3, Validation: 8), ct: ct);
        var options = new StudentOptions { Steps = 2, Batch = 4, LearningRate = 1e-4, ValidateEvery = 2, Seed = 5, Temperature = 500 };
        return await new StudentTrainingPipeline(db, artifacts, store).TrainAsync(
            new(Guid.NewGuid(), datasetId, options, "test", new ImageStudentOptions(TrainFrom.Layer4, LinearHead: true)), ct: ct);
    }

    [Fact]
    public async Task The_run_scores_an_image_student_as_the_cli_does_from_its_own_embedding_of_the_images_and_stores_its_map()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = database.CreateContext();
        var student = await TrainStudentAsync(db, ct);

        var evaluation = await new ModelEvaluationPipeline(db, artifacts, store).EvaluateAsync(new(student.Id, Bootstrap: 50, Seed: 1), ct);

        // The independent path: the program's own embedding of the images, and the teacher's test split rebuilt here.
        var teacher = await db.ModelVersions.AsNoTracking().SingleAsync(m => m.Kind == ModelKind.Teacher, ct);
        var data = await TrainingDataLoader.LoadAsync(db, setId, ResNet18Featurizer.Model, ResNet18ModelFiles.PackagedVersion, ct);
        var options = TeacherArtifact.Load(Path.Combine(artifacts, teacher.ArtifactPath)).Manifest.Options!;
        var test = TripletSplit.ByItemSet(data.Responses, data.Embeddings.Rows, options.Seed, options.TrainFraction, options.ValidationFraction).Test;
        var triplets = Path.Combine(scratch, "test.txt");
        await File.WriteAllLinesAsync(triplets, test.Select(t => $"{t.I} {t.J} {t.K} {t.Subject}"), ct);
        var embedded = Path.Combine(scratch, "student.npy");
        await CliAsync("student", "embed", "--model", Path.Combine(artifacts, student.ArtifactPath), "--set", ColourImageSet.Name, "--out", embedded);
        var json = await CliAsync("evaluate", "--embeddings", embedded, "--triplets", triplets, "--format", "odd-last", "--set", ColourImageSet.Name,
            "--bootstrap", "50", "--seed", "1", "--json");
        var cli = JsonDocument.Parse(json[json.IndexOf('{')..]).RootElement;
        var z = NpyReader.Read(embedded);

        Assert.Equal((ColourImageSet.Items, ResNet18Featurizer.EmbeddingSize), (z.Rows, z.Columns));
        double Dot(int a, int b) => z.Row(a).ToArray().Zip(z.Row(b).ToArray()).Sum(x => x.First * x.Second);
        var hits = test.Count(t => Dot(t.I, t.J) > Math.Max(Dot(t.I, t.K), Dot(t.J, t.K)));
        Assert.True(test.Count > 0);
        Assert.Equal(test.Count, evaluation.Responses);
        Assert.Equal((double)hits / test.Count, evaluation.Accuracy, 9);

        var stored = JsonDocument.Parse(evaluation.Report).RootElement;
        Assert.Equal(Figure(cli.GetProperty("all").GetProperty("model"), "accuracy"), Figure(stored.GetProperty("all").GetProperty("model"), "accuracy"));
        var levels = cli.GetProperty("levels").EnumerateObject().ToList();
        Assert.True(levels.Count >= 2, json);
        foreach (var level in levels)
        {
            var mine = stored.GetProperty("levels").GetProperty(level.Name);
            Assert.Equal(level.Value.GetProperty("responses").GetInt32(), mine.GetProperty("responses").GetInt32());
            Assert.Equal(Figure(level.Value.GetProperty("model"), "accuracy"), Figure(mine.GetProperty("model"), "accuracy"));
        }

        // The map: the student's rows on their first two principal components, one point per stimulus.
        var map = stored.GetProperty("map");
        Assert.Equal("student", map.GetProperty("representation").GetString());
        var points = map.GetProperty("points").EnumerateArray().Select(p => (Row: p.GetProperty("row").GetInt32(), X: p.GetProperty("x").GetDouble(), Y: p.GetProperty("y").GetDouble())).ToList();
        Assert.Equal(data.StimulusIds.Select(id => id.ToString()), map.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("stimulus_id").GetString()));
        var reference = ModelEvaluationMapTests.Svd2([.. Enumerable.Range(0, z.Rows).Select(r => z.Row(r).ToArray())]);
        ModelEvaluationMapTests.AssertSameDistances(reference, [.. points.Select(p => (p.X, p.Y))]);

        // The sections: the corrupted images went through the student's own network (not the base features), so its
        // clean agreement is this accuracy and the corrupted one differs from the base model's; 2 items per category
        // are too few for 5-way few-shot, which says so.
        var corruptions = stored.GetProperty("corruptions");
        Assert.Equal(Figure(stored.GetProperty("all").GetProperty("model"), "accuracy").Value, Figure(corruptions.GetProperty("clean").GetProperty("model"), "agreement").Value);
        var blur = corruptions.GetProperty("variants")[0];
        Assert.Equal("blur-3", blur.GetProperty("name").GetString());
        Assert.True(blur.GetProperty("models").GetProperty("model").GetProperty("agreement").GetProperty("value").ValueKind == JsonValueKind.Number);
        Assert.Contains("needs 5 categories", stored.GetProperty("transfer").GetProperty("few_shot").GetProperty(EvaluationReportView.NotComputed).GetString());
        Assert.True(stored.GetProperty("transfer").GetProperty("retention").TryGetProperty("ratio", out _));
    }

    [Fact]
    public async Task A_missing_image_is_refused_with_the_fix_and_stores_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = database.CreateContext();
        var student = await TrainStudentAsync(db, ct);
        await DeleteFirstImageAsync(db, ct);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => new ModelEvaluationPipeline(db, artifacts, store).EvaluateAsync(new(student.Id, Bootstrap: 20), ct));

        Assert.Contains("missing from the stimulus store", error.Message);
        Assert.Equal(0, await db.ModelEvaluations.CountAsync(ct));
    }

    private static (double Value, double? Low, double? High) Figure(JsonElement model, string name)
    {
        var figure = model.GetProperty(name);
        double? Read(string key) => figure.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
        return (Math.Round(figure.GetProperty("value").GetDouble(), 12), Read("ci_low") is { } l ? Math.Round(l, 12) : null, Read("ci_high") is { } h ? Math.Round(h, 12) : null);
    }
}
