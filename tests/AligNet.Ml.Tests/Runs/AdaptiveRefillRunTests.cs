using AligNet.Data.Models;
using AligNet.Domain.Runs;
using AligNet.Domain.Studies;
using AligNet.Jobs;
using AligNet.Ml.Sampling;
using AligNet.Ml.Teacher;
using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AligNet.Ml.Tests.Runs;

/// <summary>
/// The AdaptiveRefill run kind through the runs plumbing (ADR-021), with a real teacher trained in seconds on the
/// circle world: refused before any teacher exists; a registered teacher launches a refill for the adaptive study of
/// its set; the refill fills the queue with the teacher's most uncertain triplets (checked against entropies computed
/// here from the teacher's own odd-one-out probabilities); a second refill replaces the queue in one transaction.
/// </summary>
public class AdaptiveRefillRunTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private RunServices services = null!;
    private Guid setId;
    private Study study = null!;

    public async ValueTask InitializeAsync()
    {
        services = await RunServices.StartAsync();
        await using var db = services.Database.CreateContext();
        study = await AdaptiveCircleStudy.CreateAsync(db, services.Root, Ct);
        setId = study.StimulusSetId;
    }

    public ValueTask DisposeAsync() => services.DisposeAsync();

    [Fact]
    public async Task A_new_teacher_refills_the_queue_with_its_most_uncertain_triplets_and_a_second_refill_replaces_it_at_once()
    {
        var launcher = services.Get<RunLauncher>();
        var refused = await Assert.ThrowsAsync<RunRefusedException>(() => AdaptiveRefills.LaunchAsync(launcher, Guid.NewGuid(), study.Id, setId, "test", Ct));
        Assert.Contains("no teacher yet", refused.Message);

        // A teacher run registers a version and asks for the refill itself.
        var teacherRun = Guid.NewGuid();
        await launcher.LaunchAsync(teacherRun, new TeacherRunParameters(setId, CircleConcepts.Model, CircleConcepts.Version, 7, MaxEpochs: 5, LambdaGrid: [0.1]), "test", Ct);
        var summary = await services.Get<ITeacherTrainingJob>().RunAsync(teacherRun);
        Assert.Contains("1 adaptive queue refill(s) launched", summary);
        await using var db = services.Database.CreateContext();
        var refill = await db.Runs.AsNoTracking().SingleAsync(r => r.Kind == RunKind.AdaptiveRefill, Ct);
        Assert.Equal((RunState.Queued, AdaptiveRefillRunParameters.Key(study.Id)), (refill.State, refill.OutputKey));
        Assert.NotNull(refill.JobId);

        await services.Get<IAdaptiveRefillJob>().RunAsync(refill.Id);
        var done = await db.Runs.AsNoTracking().SingleAsync(r => r.Id == refill.Id, Ct);
        Assert.Equal(RunState.Succeeded, done.State);
        Assert.Equal(teacherRun, done.ModelVersionId);
        // 24 items make 2,024 triplets, fewer than the 20,000 candidates asked for: every one is scored, the best 2,000 kept.
        Assert.Equal(AdaptiveRefillRunParameters.DefaultKeep, await db.AdaptiveQueue.CountAsync(q => q.StudyId == study.Id && q.TeacherVersionId == teacherRun, Ct));

        // A refill by hand with a small draw: the queue becomes exactly the 50 most uncertain of the 500 candidates,
        // by entropies computed here from the teacher's probabilities; nobody ever sees a half-replaced queue.
        var data = await TrainingDataLoader.LoadAsync(db, setId, CircleConcepts.Model, CircleConcepts.Version, Ct);
        var version = await db.ModelVersions.AsNoTracking().SingleAsync(m => m.Id == teacherRun, Ct);
        var (teacher, _) = TeacherArtifact.Load(Path.Combine(services.Artifacts, version.ArtifactPath), data.Embeddings);
        var model = teacher.OddOneOut(data.Embeddings);
        double Entropy((int I, int J, int K) t)
        {
            var (a, b, c) = model.Probabilities(t.I, t.J, t.K);
            return -(a * Math.Log(a) + b * Math.Log(b) + c * Math.Log(c));
        }
        var candidates = TripletUncertainty.Candidates(CircleConcepts.Items, 500, 11, null);
        var expected = candidates.OrderByDescending(Entropy).Take(50)
            .Select(t => (data.StimulusIds[t.I], data.StimulusIds[t.J], data.StimulusIds[t.K])).Select(Sorted).ToHashSet();

        var second = Guid.NewGuid();
        await launcher.LaunchAsync(second, new AdaptiveRefillRunParameters(study.Id, setId, Candidates: 500, Keep: 50, Seed: 11), "test", Ct);
        var seen = new HashSet<int>();
        using var stop = new CancellationTokenSource();
        var observer = Task.Run(async () =>
        {
            await using var connection = new NpgsqlConnection(services.Database.ConnectionString);
            await connection.OpenAsync(Ct);
            await using var count = new NpgsqlCommand("SELECT count(*)::int FROM alignet.adaptive_queue WHERE \"StudyId\" = @s", connection);
            count.Parameters.AddWithValue("s", study.Id);
            while (!stop.IsCancellationRequested) seen.Add((int)(await count.ExecuteScalarAsync(Ct))!);
        }, Ct);
        await services.Get<IAdaptiveRefillJob>().RunAsync(second);
        await stop.CancelAsync();
        await observer;

        var queue = await db.AdaptiveQueue.AsNoTracking().Where(q => q.StudyId == study.Id).ToListAsync(Ct);
        Assert.Equal(expected, queue.Select(q => Sorted((q.StimulusA, q.StimulusB, q.StimulusC))).ToHashSet());
        var rowOf = data.StimulusIds.Select((id, row) => (id, row)).ToDictionary(x => x.id, x => x.row);
        Assert.All(queue, q => Assert.Equal(Entropy((rowOf[q.StimulusA], rowOf[q.StimulusB], rowOf[q.StimulusC])), q.Score, 9));
        Assert.All(queue, q => Assert.True(rowOf[q.StimulusA] < rowOf[q.StimulusB] && rowOf[q.StimulusB] < rowOf[q.StimulusC]));
        Assert.Subset(new HashSet<int> { 2000, 50 }, seen); // the old queue or the new one, never empty or partial
        Assert.Equal(1, await db.AuditLog.CountAsync(a => a.Action == "job.schedule" && a.Target == $"run/{second}", Ct));
    }

    private static (Guid, Guid, Guid) Sorted((Guid A, Guid B, Guid C) t)
    {
        Guid[] s = [t.A, t.B, t.C];
        Array.Sort(s);
        return (s[0], s[1], s[2]);
    }
}
