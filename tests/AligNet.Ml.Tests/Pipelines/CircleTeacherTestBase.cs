using AligNet.Pipelines.Teachers;
using AligNet.TestSupport;

namespace AligNet.Ml.Tests.Pipelines;

/// <summary>
/// A database of its own with <see cref="CircleConcepts"/> and an active teacher trained on them (seed 7), for the
/// pipelines that start from a teacher (AligNet data, students); artifacts in a temporary folder removed afterwards.
/// </summary>
public abstract class CircleTeacherTestBase : IAsyncLifetime
{
    protected TestDatabase database = null!;
    protected Guid setId;
    protected readonly string artifacts = Directory.CreateTempSubdirectory("alignet-artifacts-").FullName;

    public async ValueTask InitializeAsync()
    {
        database = await TestPostgres.CreateDatabaseAsync();
        await using var db = database.CreateContext();
        setId = await CircleConcepts.CreateAsync(db, artifacts);
        await new TeacherTrainingPipeline(db, artifacts).TrainAsync(new(setId, CircleConcepts.Model, CircleConcepts.Version, Seed: 7, AutoPromote: true));
    }

    public async ValueTask DisposeAsync()
    {
        await database.DisposeAsync();
        Directory.Delete(artifacts, true);
    }
}
