using AligNet.Domain.Participation;
using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;
using static AligNet.Integration.Tests.Participants.Planning.AdaptiveQueueFixture;

namespace AligNet.Integration.Tests.Participants.Planning;

/// <summary>
/// Adaptive sampling against the real PostgreSQL (ADR-021): the queue is popped inside each trial batch with
/// FOR UPDATE SKIP LOCKED, so two web instances never serve a queued triplet twice; the random arm holds its share;
/// a reload serves the same trials and arms; an empty queue (or no teacher) falls back and says so per trial.
/// </summary>
public class AdaptivePlanningTests : IAsyncLifetime
{
    private TestDatabase database = null!;

    public async ValueTask InitializeAsync() => database = await TestPostgres.CreateDatabaseAsync();

    public ValueTask DisposeAsync() => database.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_instances_popping_one_queue_at_once_never_serve_a_queued_triplet_twice()
    {
        var study = await CreateStudyAsync(database);
        var teacher = await AddTeacherAsync(database, study.StimulusSetId);
        var queued = await FillQueueAsync(database, study, teacher);
        await using var one = new PlanningInstance(database);
        await using var two = new PlanningInstance(database);

        // 40 sessions × ≈ 15 adaptive slots ≈ 600 pops from 816 rows, all at once over two instances, in batches of 3.
        await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            var web = i % 2 == 0 ? one : two;
            var session = await web.StartConsentedAsync(study.Id, Ct);
            await web.FetchAllAsync(session, [3], Ct);
        }));

        await using var db = database.CreateContext();
        var main = await MainTrialsAsync(db, study.Id);
        var adaptive = main.Where(t => t.Arm == TrialArm.Adaptive).ToList();
        Assert.InRange(adaptive.Count, 400, queued - 1); // the queue was never exhausted …
        Assert.DoesNotContain(main, t => t.Arm == TrialArm.Fallback); // … so no adaptive slot fell back
        Assert.Equal(adaptive.Count, adaptive.Select(Key).Distinct().Count()); // each queued triplet served once
        Assert.All(adaptive, t => Assert.Equal(teacher, t.TeacherVersionId));
        Assert.All(main.Where(t => t.Arm == TrialArm.Random), t => Assert.Null(t.TeacherVersionId));
        // Every pop removed its row, nothing else did; and the served rows are gone from the queue.
        Assert.Equal(queued - adaptive.Count, await db.AdaptiveQueue.CountAsync(q => q.StudyId == study.Id, Ct));
        var left = (await db.AdaptiveQueue.Where(q => q.StudyId == study.Id).Select(q => new { q.StimulusA, q.StimulusB, q.StimulusC }).ToListAsync(Ct))
            .Select(q => { Guid[] s = [q.StimulusA, q.StimulusB, q.StimulusC]; Array.Sort(s); return (s[0], s[1], s[2]); }).ToHashSet();
        Assert.DoesNotContain(adaptive, t => left.Contains(Key(t)));
        // Pair coverage counts adaptive trials too: it equals the pairs of every stored main trial.
        var expectedPairs = main.SelectMany(t => new[] { (t.Stimulus0Id, t.Stimulus1Id), (t.Stimulus0Id, t.Stimulus2Id), (t.Stimulus1Id, t.Stimulus2Id) })
            .Select(p => p.Item1.CompareTo(p.Item2) < 0 ? p : (p.Item2, p.Item1)).Count();
        Assert.Equal(expectedPairs, await db.PairCoverage.Where(p => p.StudyId == study.Id).SumAsync(p => p.Count, Ct));
        // Catch trials and repeat probes are no arm's.
        Assert.DoesNotContain(await db.Trials.Where(t => t.Kind != TrialKind.Main).ToListAsync(Ct), t => t.Arm != null || t.TeacherVersionId != null);
    }

    [Fact]
    public async Task The_random_arm_holds_its_share_over_a_thousand_main_trials()
    {
        // No teacher: every adaptive slot falls back, which leaves the coin's split visible in Random vs Fallback.
        var study = await CreateStudyAsync(database, randomShare: 0.3, trials: 40); // 34 main trials per session
        await using var web = new PlanningInstance(database);
        for (var i = 0; i < 30; i++) await web.FetchAllAsync(await web.StartConsentedAsync(study.Id, Ct), [20], Ct);

        await using var db = database.CreateContext();
        var main = await MainTrialsAsync(db, study.Id);
        Assert.True(main.Count >= 1000, $"{main.Count} main trials");
        var random = main.Count(t => t.Arm == TrialArm.Random);
        // Binomial(n, 0.3): within ±5 σ fails with probability < 1e-6, and the coin is seeded, so it never flakes.
        var sigma = Math.Sqrt(main.Count * 0.3 * 0.7);
        TestContext.Current.SendDiagnosticMessage($"random arm: {random} of {main.Count} main trials ({(double)random / main.Count:P1}; expected 30 %, σ = {sigma:F1})");
        Assert.InRange(random, main.Count * 0.3 - 5 * sigma, main.Count * 0.3 + 5 * sigma);
        Assert.Equal(main.Count - random, main.Count(t => t.Arm == TrialArm.Fallback));
        Assert.DoesNotContain(main, t => t.Arm == TrialArm.Adaptive || t.TeacherVersionId != null);
    }

    [Fact]
    public async Task A_session_resumed_after_a_reload_gets_the_same_trials_arms_and_teacher()
    {
        var study = await CreateStudyAsync(database, randomShare: 0.5);
        var teacher = await AddTeacherAsync(database, study.StimulusSetId);
        await FillQueueAsync(database, study, teacher);
        await using var web = new PlanningInstance(database);
        var session = await web.StartConsentedAsync(study.Id, Ct);
        var first = await web.Reader.TrialsAsync(session.Id, session.Token, 0, 12, Ct);
        await using var before = database.CreateContext();
        var stored = await before.Trials.AsNoTracking().Where(t => t.SessionId == session.Id).OrderBy(t => t.Index)
            .Select(t => new { t.Id, t.Arm, t.TeacherVersionId, t.Stimulus0Id, t.Stimulus1Id, t.Stimulus2Id }).ToListAsync(Ct);
        var depth = await before.AdaptiveQueue.CountAsync(Ct);
        Assert.Contains(stored, t => t.Arm == TrialArm.Adaptive);
        Assert.Contains(stored, t => t.Arm == TrialArm.Random);

        // The reload (another instance) gets the stored trials: nothing is popped or planned again.
        await using var other = new PlanningInstance(database);
        var again = await other.Reader.TrialsAsync(session.Id, session.Token, 0, 12, Ct);
        Assert.Equal(first.Trials, again.Trials);
        await using var after = database.CreateContext();
        Assert.Equal(stored, await after.Trials.AsNoTracking().Where(t => t.SessionId == session.Id).OrderBy(t => t.Index)
            .Select(t => new { t.Id, t.Arm, t.TeacherVersionId, t.Stimulus0Id, t.Stimulus1Id, t.Stimulus2Id }).ToListAsync(Ct));
        Assert.Equal(depth, await after.AdaptiveQueue.CountAsync(Ct));
    }

    [Fact]
    public async Task An_empty_queue_falls_back_to_balanced_random_and_says_so_per_trial()
    {
        var study = await CreateStudyAsync(database);
        var teacher = await AddTeacherAsync(database, study.StimulusSetId);
        await using (var db = database.CreateContext())
        {
            // Three queued triplets for ≈ 15 adaptive slots: the first three take them, the rest fall back.
            var ids = await db.Stimuli.Where(s => s.StimulusSetId == study.StimulusSetId).OrderBy(s => s.Index).Select(s => s.Id).ToListAsync(Ct);
            for (var n = 0; n < 3; n++)
                db.AdaptiveQueue.Add(new() { StudyId = study.Id, StimulusA = ids[3 * n], StimulusB = ids[3 * n + 1], StimulusC = ids[3 * n + 2], Score = n, TeacherVersionId = teacher, CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync(Ct);
        }
        await using var web = new PlanningInstance(database);
        await web.FetchAllAsync(await web.StartConsentedAsync(study.Id, Ct), [20], Ct);

        await using var check = database.CreateContext();
        var main = await MainTrialsAsync(check, study.Id);
        Assert.Equal(3, main.Count(t => t.Arm == TrialArm.Adaptive));
        Assert.True(main.Count(t => t.Arm == TrialArm.Fallback) >= 5, string.Join(",", main.Select(t => t.Arm)));
        Assert.All(main.Where(t => t.Arm == TrialArm.Fallback), t => Assert.Null(t.TeacherVersionId));
        Assert.Equal(0, await check.AdaptiveQueue.CountAsync(Ct));
    }

    [Fact]
    public async Task A_batch_that_leaves_the_queue_below_the_low_water_mark_says_so_after_it_committed()
    {
        var study = await CreateStudyAsync(database, randomShare: 0.05);
        var teacher = await AddTeacherAsync(database, study.StimulusSetId);
        var queued = await FillQueueAsync(database, study, teacher);
        var monitor = new RecordingMonitor();
        await using var web = new PlanningInstance(database, monitor, lowWater: queued - 3);
        var session = await web.StartConsentedAsync(study.Id, Ct);

        await web.Reader.TrialsAsync(session.Id, session.Token, 0, 1, Ct); // at most one pop: still above the mark
        Assert.Empty(monitor.Low);
        await web.FetchAllAsync(session, [20], Ct); // ≈ 15 adaptive slots (95 %) cross it
        Assert.Equal([study.Id], monitor.Low.Distinct());
        await using var db = database.CreateContext();
        Assert.True(await db.AdaptiveQueue.CountAsync(Ct) < queued - 3);
    }

    private sealed class RecordingMonitor : AligNet.Data.Participation.IAdaptiveQueueMonitor
    {
        public System.Collections.Concurrent.ConcurrentQueue<Guid> Low { get; } = new();
        public void QueueLow(Guid studyId) => Low.Enqueue(studyId);
    }

    [Fact]
    public async Task A_study_without_adaptive_sampling_records_no_arm()
    {
        Guid studyId;
        await using (var db = database.CreateContext()) studyId = (await ParticipantStudy.CreateAsync(db)).Id;
        await using var web = new PlanningInstance(database);
        await web.FetchAllAsync(await web.StartConsentedAsync(studyId, Ct), [22], Ct);
        await using var check = database.CreateContext();
        Assert.All(await check.Trials.ToListAsync(Ct), t => Assert.Equal((null, null), (t.Arm, t.TeacherVersionId)));
    }
}
