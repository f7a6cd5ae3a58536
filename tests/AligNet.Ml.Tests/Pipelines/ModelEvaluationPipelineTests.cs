using System.Text.Json;
using AligNet.Pipelines.Evaluation;
using AligNet.Pipelines.Teachers;
using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Ml.Tests.Pipelines;

/// <summary>
/// A teacher version evaluated in the platform (<see cref="CircleConcepts"/>, real PostgreSQL): the stored figures must
/// agree with the metrics the training recorded on the same test split by the older evaluator, and carry intervals and levels.
/// </summary>
public class ModelEvaluationPipelineTests : IAsyncLifetime
{
    private TestDatabase database = null!;
    private Guid setId;
    private readonly string artifacts = Directory.CreateTempSubdirectory("alignet-artifacts-").FullName;

    public async ValueTask InitializeAsync()
    {
        database = await TestPostgres.CreateDatabaseAsync();
        await using var db = database.CreateContext();
        setId = await CircleConcepts.CreateAsync(db, artifacts);
        // Four quarters of the circle as categories, so every level occurs.
        foreach (var stimulus in await db.Stimuli.Where(s => s.StimulusSetId == setId).ToListAsync(TestContext.Current.CancellationToken))
        {
            stimulus.CategoryPath = ["circle", $"q{stimulus.Index / 6}"];
        }
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await database.DisposeAsync();
        Directory.Delete(artifacts, true);
    }

    [Fact]
    public async Task Stores_the_suite_on_the_test_split_matching_the_metrics_recorded_at_training()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = database.CreateContext();
        var version = await new TeacherTrainingPipeline(db, artifacts).TrainAsync(new(setId, CircleConcepts.Model, CircleConcepts.Version, Seed: 7), ct: ct);

        var evaluation = await new ModelEvaluationPipeline(db, artifacts).EvaluateAsync(new(version.Id, Bootstrap: 100, Seed: 1, RequestedBy: "test"), ct);

        var stored = await db.ModelEvaluations.AsNoTracking().SingleAsync(e => e.ModelVersionId == version.Id, ct);
        var metrics = JsonDocument.Parse(version.Metrics).RootElement;
        Assert.Equal(metrics.GetProperty("teacher").GetProperty("responses").GetInt32(), stored.Responses);
        Assert.Equal(metrics.GetProperty("teacher").GetProperty("accuracy").GetDouble(), stored.Accuracy, 12);
        Assert.Equal(metrics.GetProperty("base").GetProperty("accuracy").GetDouble(), stored.BaseAccuracy, 12);
        Assert.True(stored.AccuracyCiLow <= stored.Accuracy && stored.Accuracy <= stored.AccuracyCiHigh);
        var report = JsonDocument.Parse(stored.Report).RootElement;
        Assert.True(report.GetProperty("split_matches_training").GetBoolean());
        Assert.True(report.GetProperty("levels").TryGetProperty("fine", out _));
        Assert.Equal(JsonValueKind.Object, report.GetProperty("all").GetProperty("difference").GetProperty("accuracy").ValueKind);
        Assert.Equal(evaluation.Id, stored.Id);

        // With an id (a run's), evaluating again returns the stored row instead of a second one.
        var runId = Guid.NewGuid();
        var first = await new ModelEvaluationPipeline(db, artifacts).EvaluateAsync(new(version.Id, Bootstrap: 100, Seed: 1, EvaluationId: runId), ct);
        var again = await new ModelEvaluationPipeline(db, artifacts).EvaluateAsync(new(version.Id, Bootstrap: 100, Seed: 1, EvaluationId: runId), ct);
        Assert.Equal((runId, runId), (first.Id, again.Id));
        Assert.Equal(2, await db.ModelEvaluations.CountAsync(e => e.ModelVersionId == version.Id, ct));
    }

    [Fact]
    public async Task An_unknown_version_is_refused_and_nothing_is_stored()
    {
        await using var db = database.CreateContext();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => new ModelEvaluationPipeline(db, artifacts).EvaluateAsync(new(Guid.NewGuid()), TestContext.Current.CancellationToken));

        Assert.Contains("No model version", error.Message);
        Assert.Equal(0, await db.ModelEvaluations.CountAsync(TestContext.Current.CancellationToken));
    }
}
