using System.Text.Json;
using AligNet.Data.Imports;
using AligNet.Data.Models;
using AligNet.Evaluation.Embeddings;
using AligNet.Ml.Teacher;
using AligNet.Pipelines.Teachers;
using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Ml.Tests.Pipelines;

/// <summary>
/// A teacher trained from the database (<see cref="CircleConcepts"/>): the pipeline must record a model version with
/// its metrics and a loadable artifact, or nothing at all.
/// </summary>
public class TeacherTrainingPipelineTests : IAsyncLifetime
{
    private const int Items = CircleConcepts.Items;
    private TestDatabase database = null!;
    private Guid setId;
    private readonly string artifacts = Directory.CreateTempSubdirectory("alignet-artifacts-").FullName;

    public async ValueTask InitializeAsync()
    {
        database = await TestPostgres.CreateDatabaseAsync();
        await using var db = database.CreateContext();
        setId = await CircleConcepts.CreateAsync(db, artifacts);
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
            .TrainAsync(new(setId, CircleConcepts.Model, CircleConcepts.Version, Seed: 7, RequestedBy: "test", AutoPromote: true), ct: ct);

        var stored = await db.ModelVersions.AsNoTracking().SingleAsync(m => m.Id == version.Id, ct);
        Assert.True(stored.IsActive);
        Assert.Equal("rule: better on the same test split", stored.PromotedBy);
        var metrics = stored.TeacherMetrics();
        Assert.InRange(metrics.Teacher.Accuracy, 0, 1);
        Assert.True(metrics.Temperature > 0);
        // The stored names are the ones the documents had before they were typed (older rows stay readable).
        var json = JsonDocument.Parse(stored.Metrics).RootElement;
        Assert.Equal(metrics.Teacher.Accuracy, json.GetProperty("teacher").GetProperty("accuracy").GetDouble());
        Assert.Equal(metrics.BaseCalibrated.Nll, json.GetProperty("baseCalibrated").GetProperty("nll").GetDouble());
        Assert.Contains("\"importedTriplets\"", stored.DataSnapshot);
        Assert.NotEqual("[]", stored.TrainingCurve);

        var data = await Data.Models.TrainingDataLoader.LoadAsync(db, setId, CircleConcepts.Model, CircleConcepts.Version, ct);
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
