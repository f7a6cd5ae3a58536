using AligNet.Domain.Runs;
using AligNet.Jobs;
using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AligNet.Ml.Tests.Runs;

/// <summary>
/// A newer teacher always reaches the queue (ADR-021): a teacher that registers while a refill is running has its
/// own refill refused (one refill per study at a time); the running refill, when it ends, sees it scored with an
/// older teacher and launches the newer teacher's refill under the id the teacher job used, once. The refill is held
/// mid-swap by a row lock the test takes on the queue, so "while it runs" is a fact, not a timing guess.
/// </summary>
public class AdaptiveRefillFollowUpTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private RunServices services = null!;
    private Guid setId;
    private Guid studyId;

    public async ValueTask InitializeAsync()
    {
        services = await RunServices.StartAsync();
        await using var db = services.Database.CreateContext();
        var study = await AdaptiveCircleStudy.CreateAsync(db, services.Root, Ct);
        (setId, studyId) = (study.StimulusSetId, study.Id);
    }

    public ValueTask DisposeAsync() => services.DisposeAsync();

    [Fact]
    public async Task A_teacher_registered_while_a_refill_runs_gets_its_refill_from_that_refill_when_it_ends()
    {
        var launcher = services.Get<RunLauncher>();
        var refills = services.Get<IAdaptiveRefillJob>();
        await using var db = services.Database.CreateContext();

        // Teacher 1 and its refill: the queue is teacher 1's.
        var first = await TrainTeacherAsync(launcher, seed: 7);
        Assert.Contains("1 adaptive queue refill(s) launched", first.Summary);
        var firstRefill = AdaptiveRefills.TeacherRefillId(first.Id, studyId);
        await refills.RunAsync(firstRefill);
        Assert.Null(await AdaptiveRefills.AfterRefillAsync(launcher, db, firstRefill, Ct)); // it scored with the newest: nothing to follow

        // A refill by hand, held inside its swap: its DELETE waits for a queue row this test has locked.
        await using var holder = new NpgsqlConnection(services.Database.ConnectionString);
        await holder.OpenAsync(Ct);
        await using var hold = await holder.BeginTransactionAsync(Ct);
        await using (var lockRow = new NpgsqlCommand("""SELECT 1 FROM alignet.adaptive_queue WHERE "StudyId" = @s LIMIT 1 FOR UPDATE""", holder, hold))
        {
            lockRow.Parameters.AddWithValue("s", studyId);
            await lockRow.ExecuteScalarAsync(Ct);
        }
        var byHand = Guid.NewGuid();
        await AdaptiveRefills.LaunchAsync(launcher, byHand, studyId, setId, "test", Ct);
        var running = Task.Run(() => refills.RunAsync(byHand), Ct);
        await WaitUntilBlockedAsync(holder);

        // Teacher 2 registers meanwhile: its own refill is refused by the running one.
        var second = await TrainTeacherAsync(launcher, seed: 8);
        Assert.DoesNotContain("refill(s) launched", second.Summary);
        var secondRefill = AdaptiveRefills.TeacherRefillId(second.Id, studyId);
        Assert.False(await db.Runs.AnyAsync(r => r.Id == secondRefill, Ct));

        // The held refill ends with teacher 1 and launches teacher 2's refill, under the id the teacher job would have used.
        await hold.RollbackAsync(Ct);
        await running;
        var ended = await db.Runs.AsNoTracking().SingleAsync(r => r.Id == byHand, Ct);
        Assert.Equal((RunState.Succeeded, (Guid?)first.Id), (ended.State, ended.ModelVersionId));
        var followUp = await db.Runs.AsNoTracking().SingleAsync(r => r.Id == secondRefill, Ct);
        Assert.Equal((RunKind.AdaptiveRefill, RunState.Queued, $"system:refill/{byHand}"), (followUp.Kind, followUp.State, followUp.RequestedBy));
        Assert.NotNull(followUp.JobId);

        // Asked again (a redelivered job, the teacher job retried): still one refill for teacher 2.
        await refills.RunAsync(byHand);
        await AdaptiveRefills.AfterTeacherAsync(launcher, db, second.Id, "test", Ct);
        Assert.Equal(3, await db.Runs.CountAsync(r => r.Kind == RunKind.AdaptiveRefill, Ct));

        // It runs: the whole queue is teacher 2's, and the loop stops there.
        await refills.RunAsync(secondRefill);
        Assert.Equal(RunState.Succeeded, (await db.Runs.AsNoTracking().SingleAsync(r => r.Id == secondRefill, Ct)).State);
        var teachers = await db.AdaptiveQueue.AsNoTracking().Where(q => q.StudyId == studyId).GroupBy(q => q.TeacherVersionId)
            .Select(g => new { Teacher = g.Key, Rows = g.Count() }).ToListAsync(Ct);
        Assert.Equal([(second.Id, AdaptiveRefillRunParameters.DefaultKeep)], teachers.Select(t => (t.Teacher, t.Rows)));
        Assert.Equal(3, await db.Runs.CountAsync(r => r.Kind == RunKind.AdaptiveRefill, Ct));
    }

    private async Task<(Guid Id, string Summary)> TrainTeacherAsync(RunLauncher launcher, int seed)
    {
        var run = Guid.NewGuid();
        await launcher.LaunchAsync(run, new TeacherRunParameters(setId, CircleConcepts.Model, CircleConcepts.Version, seed, MaxEpochs: 3, LambdaGrid: [0.1]), "test", Ct);
        return (run, await services.Get<ITeacherTrainingJob>().RunAsync(run));
    }

    /// <summary>Until another session waits for the lock this connection holds (the refill's DELETE), 30 s at most.</summary>
    private static async Task WaitUntilBlockedAsync(NpgsqlConnection holder)
    {
        await using var probe = new NpgsqlCommand("SELECT count(*)::int FROM pg_stat_activity WHERE @pid = ANY(pg_blocking_pids(pid))", holder);
        probe.Parameters.AddWithValue("pid", holder.ProcessID);
        for (var tries = 0; tries < 300; tries++)
        {
            if ((int)(await probe.ExecuteScalarAsync(Ct))! > 0) return;
            await Task.Delay(100, Ct);
        }
        Assert.Fail("The refill never reached its swap.");
    }
}
