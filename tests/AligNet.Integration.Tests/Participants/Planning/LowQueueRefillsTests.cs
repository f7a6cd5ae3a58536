using AligNet.Data;
using AligNet.Domain.Runs;
using AligNet.Jobs;
using AligNet.TestSupport;
using AligNet.Web.Participants;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace AligNet.Integration.Tests.Participants.Planning;

/// <summary>
/// The web tier's answer to a low adaptive queue (ADR-021), on the real database and Hangfire storage: nothing while
/// the set has no teacher; then one refill run; a second alarm within the quiet minute asks nothing; after it, again.
/// </summary>
public class LowQueueRefillsTests : IAsyncLifetime
{
    private TestDatabase database = null!;

    public async ValueTask InitializeAsync() => database = await TestPostgres.CreateDatabaseAsync();

    public ValueTask DisposeAsync() => database.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public async Task A_low_queue_asks_for_one_refill_once_a_teacher_exists_and_not_again_within_a_minute()
    {
        var study = await AdaptiveQueueFixture.CreateStudyAsync(database);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{DatabaseOptions.ConnectionStringName}"] = database.ConnectionString,
        }).Build();
        // AddLogging: Hangfire's client takes its logger from the process-wide log provider, which otherwise still points
        // at the logger factory of a service container another test class has already disposed.
        await using var services = new ServiceCollection().AddLogging().AddAligNetData(configuration).AddAligNetJobStorage(database.ConnectionString).BuildServiceProvider();
        var clock = new ManualClock();
        var monitor = new LowQueueRefills(services.GetRequiredService<IDbContextFactory<AligNetDbContext>>(),
            services.GetRequiredService<IBackgroundJobClient>(), clock, NullLogger<LowQueueRefills>.Instance);

        monitor.QueueLow(study.Id); // no teacher yet: nothing to refill from
        await Task.Delay(1000, Ct);
        Assert.Equal(0, await RefillsAsync(study.Id));

        await AdaptiveQueueFixture.AddTeacherAsync(database, study.StimulusSetId);
        clock.Now += TimeSpan.FromMinutes(2);
        monitor.QueueLow(study.Id);
        monitor.QueueLow(study.Id); // the same minute: debounced here, before any query
        await WaitForAsync(() => RefillsAsync(study.Id), 1);
        await using (var db = database.CreateContext())
        {
            var run = await db.Runs.AsNoTracking().SingleAsync(r => r.Kind == RunKind.AdaptiveRefill, Ct);
            Assert.Equal((RunState.Queued, "system:adaptive-queue-low", AdaptiveRefillRunParameters.Key(study.Id)), (run.State, run.RequestedBy, run.OutputKey));
            // Let it finish, so the output key would allow another one …
            await db.Runs.ExecuteUpdateAsync(r => r.SetProperty(x => x.State, RunState.Succeeded), Ct);
        }
        monitor.QueueLow(study.Id); // … still within the quiet minute: nothing
        await Task.Delay(1000, Ct);
        Assert.Equal(1, await RefillsAsync(study.Id));

        clock.Now += TimeSpan.FromSeconds(61);
        monitor.QueueLow(study.Id);
        await WaitForAsync(() => RefillsAsync(study.Id), 2);
    }

    private async Task<int> RefillsAsync(Guid studyId)
    {
        await using var db = database.CreateContext();
        // Counted once handed to Hangfire (the launcher writes the row first, then its job id).
        return await db.Runs.CountAsync(r => r.OutputKey == AdaptiveRefillRunParameters.Key(studyId) && r.JobId != null, Ct);
    }

    private static async Task WaitForAsync(Func<Task<int>> count, int expected)
    {
        for (var i = 0; i < 300 && await count() != expected; i++) await Task.Delay(100, Ct);
        Assert.Equal(expected, await count());
    }
}
