using System.Text.Json;
using AligNet.Data.Imports;
using AligNet.Evaluation.Embeddings;
using AligNet.Ml.Teacher;
using AligNet.Pipelines.Teachers;
using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Ml.Tests.Pipelines;

/// <summary>
/// A teacher trained from the database: 24 concepts whose human judgments follow a hidden 2-D structure that the
/// base embeddings only partly show. The pipeline must record a model version with its metrics and a loadable artifact.
/// </summary>
public class TeacherTrainingPipelineTests : IAsyncLifetime
{
    private const int Items = 24;
    private TestDatabase database = null!;
    private Guid setId;
    private readonly string artifacts = Directory.CreateTempSubdirectory("alignet-artifacts-").FullName;

    public async ValueTask InitializeAsync()
    {
        database = await TestPostgres.CreateDatabaseAsync();
        await using var db = database.CreateContext();
        setId = await new ConceptSetImporter(db).ImportAsync("hidden", "", [.. Enumerable.Range(0, Items).Select(i => $"c{i}")], "labels");
        var random = new Random(3);
        var stimuli = await db.Stimuli.Where(s => s.StimulusSetId == setId).OrderBy(s => s.Index).Select(s => s.Id).ToListAsync();
        // Human structure: item i sits at angle 2πi/24 on a circle; the base model sees it with noise in 4 dimensions.
        var vectors = stimuli.Select((id, i) => (id, new[] { (float)Math.Cos(i * Math.Tau / Items), (float)Math.Sin(i * Math.Tau / Items),
            (float)random.NextDouble(), (float)random.NextDouble() })).ToList();
        await new EmbeddingImporter(db).StoreAsync(setId, "base", "1", vectors);

        var lines = new List<string>();
        for (var n = 0; n < 600; n++)
        {
            var (a, b, c) = (random.Next(Items), random.Next(Items), random.Next(Items));
            if (a == b || a == c || b == c) continue;
            double Distance(int x, int y) => Math.Min(Math.Abs(x - y), Items - Math.Abs(x - y));
            var odd = new[] { (Distance(b, c), a), (Distance(a, c), b), (Distance(a, b), c) }.MinBy(t => t.Item1).Item2;
            var pair = new[] { a, b, c }.Where(x => x != odd).ToArray();
            lines.Add($"{pair[0]} {pair[1]} {odd}");
        }
        var file = Path.Combine(artifacts, "human.txt");
        await File.WriteAllLinesAsync(file, lines);
        await new TripletImporter(db).ImportAsync(setId, "human", file, Evaluation.Triplets.TripletFormat.OddLast, null);
    }

    public async ValueTask DisposeAsync()
    {
        await database.DisposeAsync();
        Directory.Delete(artifacts, true);
    }

    [Fact]
    public async Task Records_a_version_with_metrics_and_a_loadable_artifact_and_promotes_the_first_by_rule()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = database.CreateContext();

        var version = await new TeacherTrainingPipeline(db, artifacts)
            .TrainAsync(new(setId, "base", "1", Seed: 7, RequestedBy: "test", AutoPromote: true), ct: ct);

        var stored = await db.ModelVersions.AsNoTracking().SingleAsync(m => m.Id == version.Id, ct);
        Assert.True(stored.IsActive);
        Assert.Equal("rule: better on the same test split", stored.PromotedBy);
        var metrics = JsonDocument.Parse(stored.Metrics).RootElement;
        Assert.InRange(metrics.GetProperty("teacher").GetProperty("accuracy").GetDouble(), 0, 1);
        Assert.True(metrics.GetProperty("temperature").GetDouble() > 0);
        Assert.Contains("\"importedTriplets\"", stored.DataSnapshot);
        Assert.NotEqual("[]", stored.TrainingCurve);

        var data = await Data.Models.TrainingDataLoader.LoadAsync(db, setId, "base", "1", ct);
        var (model, _) = TeacherArtifact.Load(Path.Combine(artifacts, stored.ArtifactPath), data.Embeddings);
        Assert.Equal(4, model.Dimensions);
        Assert.Throws<TeacherArtifactException>(() => TeacherArtifact.Load(Path.Combine(artifacts, stored.ArtifactPath), new EmbeddingMatrix(Items, 4, new double[Items * 4])));
    }

    [Fact]
    public async Task Without_embeddings_nothing_is_recorded_and_no_artifact_is_left()
    {
        await using var db = database.CreateContext();

        await Assert.ThrowsAsync<ArgumentException>(() => new TeacherTrainingPipeline(db, artifacts)
            .TrainAsync(new(setId, "missing", "0"), ct: TestContext.Current.CancellationToken));

        Assert.Equal(0, await db.ModelVersions.CountAsync(TestContext.Current.CancellationToken));
        Assert.False(Directory.Exists(Path.Combine(artifacts, "teachers")));
    }
}
