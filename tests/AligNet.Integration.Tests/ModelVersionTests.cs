using AligNet.Data.Imports;
using AligNet.Data.Models;
using AligNet.Domain.Models;
using AligNet.Evaluation.Triplets;
using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Integration.Tests;

public class ModelVersionTests : IAsyncLifetime
{
    private TestDatabase database = null!;
    private SampleStudy sample = null!;

    public async ValueTask InitializeAsync()
    {
        database = await TestPostgres.CreateDatabaseAsync();
        await using var db = database.CreateContext();
        sample = await SampleStudy.CreateAsync(db, sessions: 3, trialsPerSession: 5, excludeLast: true);
        var vectors = sample.StimulusIds.Select((id, i) => (id, new float[] { i, 1 })).ToList();
        await new EmbeddingImporter(db).StoreAsync(sample.StimulusSetId, "base", "1", vectors);
    }

    public ValueTask DisposeAsync() => database.DisposeAsync();

    private static ModelVersion Version(Guid setId) => new()
    {
        Id = Guid.NewGuid(), StimulusSetId = setId, Kind = ModelKind.Teacher, BaseModel = "base", BaseModelVersion = "1",
        DataSnapshot = "{}", HyperParameters = "{}", Metrics = "{}", TrainingCurve = "[]", ArtifactPath = "x", CreatedAt = DateTimeOffset.UtcNow,
    };

    [Fact]
    public async Task Training_data_holds_the_vectors_in_index_order_and_the_answers_of_sessions_not_excluded()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory().FullName, "t.txt");
        await File.WriteAllTextAsync(file, "0 1 5 ext\n", TestContext.Current.CancellationToken);
        await using var db = database.CreateContext();
        await new TripletImporter(db).ImportAsync(sample.StimulusSetId, "external", file, TripletFormat.OddLast, null, ct: TestContext.Current.CancellationToken);

        var data = await TrainingDataLoader.LoadAsync(db, sample.StimulusSetId, "base", "1", TestContext.Current.CancellationToken);

        Assert.Equal((6, 2), (data.Embeddings.Rows, data.Embeddings.Columns));
        Assert.Equal([3.0, 1.0], data.Embeddings.Row(3).ToArray());
        Assert.Equal(8, data.Snapshot.PlatformResponses);        // 2 valid sessions × 4 answered trials
        Assert.Equal(1, data.Snapshot.ExcludedSessionsLeftOut);
        Assert.Equal(1, data.Snapshot.ImportedTriplets);
        Assert.Equal(9, data.Responses.Count);
        Assert.Contains(new TripletResponse(1, 2, 0, null), data.Responses.Select(r => r with { Subject = null })); // session 0, trial 0
        Assert.Equal(new TripletResponse(0, 1, 5, "ext"), data.Responses[^1]);
    }

    [Fact]
    public async Task Without_embeddings_of_the_model_the_loader_says_how_to_get_them()
    {
        await using var db = database.CreateContext();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => TrainingDataLoader.LoadAsync(db, sample.StimulusSetId, "other", "2", TestContext.Current.CancellationToken));

        Assert.Contains("alignet embed", error.Message);
    }

    [Fact]
    public async Task Promotion_keeps_exactly_one_active_version_and_the_database_refuses_a_second()
    {
        var ct = TestContext.Current.CancellationToken;
        var (first, second) = (Version(sample.StimulusSetId), Version(sample.StimulusSetId));
        await using (var db = database.CreateContext())
        {
            db.ModelVersions.AddRange(first, second);
            await db.SaveChangesAsync(ct);
            await new ModelPromotion(db).PromoteAsync(first.Id, "admin", ct);
        }
        await using (var db = database.CreateContext())
        {
            await new ModelPromotion(db).PromoteAsync(second.Id, "admin", ct);
            Assert.Equal(second.Id, (await new ModelPromotion(db).ActiveAsync(sample.StimulusSetId, ModelKind.Teacher, ct))!.Id);
            Assert.Equal(1, await db.ModelVersions.CountAsync(m => m.IsActive, ct));
        }

        await using var raw = database.CreateContext();
        var error = await Assert.ThrowsAsync<Npgsql.PostgresException>(() =>
            raw.Database.ExecuteSqlInterpolatedAsync($"UPDATE alignet.model_versions SET \"IsActive\" = true WHERE \"Id\" = {first.Id}", ct));
        Assert.Equal(Npgsql.PostgresErrorCodes.UniqueViolation, error.SqlState);
    }
}
