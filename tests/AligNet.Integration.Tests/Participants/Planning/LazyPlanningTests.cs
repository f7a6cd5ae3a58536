using AligNet.Data.Participation;
using AligNet.Domain.Designs;
using AligNet.Domain.Participation;
using AligNet.Domain.Studies;
using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Integration.Tests.Participants.Planning;

/// <summary>
/// Trials planned a batch at a time against the real PostgreSQL (ADR-018): a start writes the session only, a
/// batch once planned is served again, each design keeps its guarantees across batches, and two web instances
/// share one pair coverage.
/// </summary>
public class LazyPlanningTests : IAsyncLifetime
{
    private TestDatabase database = null!;

    public async ValueTask InitializeAsync() => database = await TestPostgres.CreateDatabaseAsync();

    public ValueTask DisposeAsync() => database.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<Study> CreateStudyAsync(Action<Study>? configure = null)
    {
        await using var db = database.CreateContext();
        return await ParticipantStudy.CreateAsync(db, configure: configure);
    }

    [Fact]
    public async Task A_start_writes_the_session_only_and_a_fetched_batch_is_served_again_after_a_reload()
    {
        var study = await CreateStudyAsync();
        await using var web = new PlanningInstance(database);
        var session = await web.StartConsentedAsync(study.Id, Ct);

        Assert.Equal(22, session.Total);
        await using (var db = database.CreateContext())
        {
            Assert.Equal(0, await db.Trials.CountAsync(Ct));
            Assert.Equal(22, (await db.Sessions.SingleAsync(Ct)).TotalTrials);
        }

        var first = await web.Reader.TrialsAsync(session.Id, session.Token, 0, 10, Ct);
        Assert.Equal(22, first.TotalTrials);
        await using (var db = database.CreateContext()) Assert.Equal(10, await db.Trials.CountAsync(Ct)); // only what was asked

        // A reload (here: another instance, with its own caches) gets the very same trials, not a new plan.
        await using var other = new PlanningInstance(database);
        var again = await other.Reader.TrialsAsync(session.Id, session.Token, 0, 10, Ct);
        Assert.Equal(first.Trials, again.Trials);
        var resumed = await other.Reader.GetAsync(session.Id, session.Token, Ct);
        Assert.Equal((0, 22), (resumed.NextTrialIndex, resumed.TotalTrials));

        // Completing before every trial is even planned is refused, naming what is missing.
        var refusal = await Assert.ThrowsAsync<ParticipationException>(() => web.Completer.CompleteAsync(session.Id, session.Token, Ct));
        Assert.Contains("22 trial(s) have no stored response", refusal.Message);
    }

    [Fact]
    public async Task Catch_trials_repeat_probes_and_blocks_keep_their_places_across_batches()
    {
        var study = await CreateStudyAsync(s => (s.TrialsPerParticipant, s.PracticeTrials, s.CatchTrialShare, s.RepeatProbes, s.Blocks) = (60, 3, 0.1, 5, 3));
        await using var web = new PlanningInstance(database);
        var catchCount = SessionLayout.CatchCount(study);

        for (var s = 0; s < 4; s++)
        {
            var session = await web.StartConsentedAsync(study.Id, Ct);
            var trials = await web.FetchAllAsync(session, [1 + s, 10, 7], Ct);
            await using var db = database.CreateContext();
            var stored = await db.Trials.AsNoTracking().Where(t => t.SessionId == session.Id).OrderBy(t => t.Index).ToListAsync(Ct);

            Assert.Equal(Enumerable.Range(0, 63), stored.Select(t => t.Index));
            Assert.Equal(trials.Select(t => t.Id), stored.Select(t => t.Id));
            Assert.All(stored.Take(3), t => Assert.Equal((TrialKind.Practice, 0), (t.Kind, t.Block)));
            var body = stored.Skip(3).ToList();
            Assert.Equal(catchCount, body.Count(t => t.Kind == TrialKind.Catch));
            Assert.All(body.Take(SessionLayout.CatchLeadIn), t => Assert.NotEqual(TrialKind.Catch, t.Kind));
            Assert.All(body.Where(t => t.Kind == TrialKind.Catch), t => Assert.NotNull(t.ExpectedPosition));

            // One catch trial per equal segment of the session after the lead-in.
            var span = (body.Count - SessionLayout.CatchLeadIn) / (double)catchCount;
            var segments = body.Where(t => t.Kind == TrialKind.Catch).Select(t => (int)((t.Index - 3 - SessionLayout.CatchLeadIn) / span)).ToList();
            Assert.Equal(Enumerable.Range(0, catchCount), segments);

            var probes = body.Where(t => t.Kind == TrialKind.RepeatProbe).ToList();
            Assert.Equal(5, probes.Count);
            foreach (var probe in probes)
            {
                var original = stored[probe.RepeatOfIndex!.Value];
                Assert.Equal(TrialKind.Main, original.Kind);
                Assert.True(probe.Index - original.Index >= StudyLimits.RepeatProbeMinimumGap);
                Assert.Equal(Key(original), Key(probe));
                Assert.NotEqual((original.Stimulus0Id, original.Stimulus1Id, original.Stimulus2Id), (probe.Stimulus0Id, probe.Stimulus1Id, probe.Stimulus2Id));
            }
            var firstShowings = stored.Where(t => t.Kind != TrialKind.RepeatProbe).Select(Key).ToList();
            Assert.Equal(firstShowings.Count, firstShowings.Distinct().Count());
            Assert.Equal(body.Select(t => t.Block).Order(), body.Select(t => t.Block));
            Assert.Equal([20, 20, 20], body.GroupBy(t => t.Block).Select(g => g.Count()));
        }
    }

    [Fact]
    public async Task Two_instances_planning_at_once_share_one_pair_coverage_and_keep_pairs_balanced()
    {
        // 18 stimuli make 153 pairs; 24 sessions × 19 main trials × 3 pairs = 1,368 showings ≈ 8.9 per pair.
        var study = await CreateStudyAsync(s => (s.TrialsPerParticipant, s.PracticeTrials, s.CatchTrialShare, s.RepeatProbes) = (20, 0, 0.05, 0));
        await using var one = new PlanningInstance(database);
        await using var two = new PlanningInstance(database);

        await Task.WhenAll(Enumerable.Range(0, 24).Select(async i =>
        {
            var web = i % 2 == 0 ? one : two;
            var session = await web.StartConsentedAsync(study.Id, Ct);
            await web.FetchAllAsync(session, [5], Ct);
        }));

        await using var db = database.CreateContext();
        var main = await db.Trials.AsNoTracking().Where(t => t.Kind == TrialKind.Main).Select(t => new[] { t.Stimulus0Id, t.Stimulus1Id, t.Stimulus2Id }).ToListAsync(Ct);
        Assert.Equal(24 * 19, main.Count);
        var shown = new PairCoverage();
        foreach (var t in main) shown.Record(t[0], t[1], t[2]);
        var stored = await db.PairCoverage.AsNoTracking().Where(p => p.StudyId == study.Id).ToDictionaryAsync(p => (p.Low, p.High), p => p.Count, Ct);

        // Every showing counted exactly once in PostgreSQL, whichever instance planned it: no lost update.
        Assert.Equal(shown.Snapshot().OrderBy(p => p.Key).ToList(), stored.OrderBy(p => p.Key).ToList());
        // Balanced against one shared coverage, where plain random triplets (the reference) spread widely.
        var counts = stored.Values.ToList();
        Assert.Equal(153, counts.Count);
        var random = PlainRandomPairCounts(ids: [.. stored.Keys.SelectMany(k => new[] { k.Low, k.High }).Distinct()], triplets: main.Count);
        Assert.True(counts.Max() - counts.Min() <= 3, $"pair counts {counts.Min()}–{counts.Max()}");
        Assert.True(random.Max() - random.Min() >= 8, $"plain random {random.Min()}–{random.Max()}");
    }

    [Fact]
    public async Task The_same_batch_asked_by_two_instances_at_once_is_planned_once()
    {
        var study = await CreateStudyAsync();
        await using var one = new PlanningInstance(database);
        await using var two = new PlanningInstance(database);
        for (var round = 0; round < 5; round++)
        {
            var session = await one.StartConsentedAsync(study.Id, Ct);
            var pages = await Task.WhenAll(
                one.Reader.TrialsAsync(session.Id, session.Token, 0, 10, Ct),
                two.Reader.TrialsAsync(session.Id, session.Token, 0, 10, Ct),
                two.Reader.TrialsAsync(session.Id, session.Token, 0, 12, Ct));
            Assert.Equal(pages[0].Trials, pages[1].Trials);
            Assert.Equal(pages[0].Trials, pages[2].Trials.Take(10));
            await using var db = database.CreateContext();
            Assert.Equal(12, await db.Trials.CountAsync(t => t.SessionId == session.Id, Ct));
        }
    }

    [Fact]
    public async Task Fixed_lists_are_handed_out_evenly_and_served_in_list_order_a_batch_at_a_time()
    {
        var study = await CreateStudyAsync(s => (s.Design, s.TrialsPerParticipant, s.PracticeTrials, s.CatchTrialShare, s.Blocks) = (DesignKind.FixedLists, 12, 2, 0, 2));
        Guid[] ids;
        await using (var db = database.CreateContext())
        {
            ids = await db.Stimuli.Where(s => s.StimulusSetId == study.StimulusSetId).OrderBy(s => s.Index).Select(s => s.Id).ToArrayAsync(Ct);
            for (var list = 1; list <= 3; list++)
            for (var order = 0; order < 12; order++)
            {
                db.FixedTrials.Add(new FixedTrial
                {
                    StudyId = study.Id, ListNumber = list, Order = order, Condition = $"list{list}-row{order}",
                    Stimulus0Id = ids[(order + list) % 18], Stimulus1Id = ids[(order + list + 5) % 18], Stimulus2Id = ids[(order + list + 11) % 18],
                });
            }
            await db.SaveChangesAsync(Ct);
        }
        await using var web = new PlanningInstance(database);
        var lists = new List<int>();
        for (var s = 0; s < 6; s++)
        {
            var session = await web.StartConsentedAsync(study.Id, Ct);
            Assert.Equal(14, session.Total);
            await web.FetchAllAsync(session, [4], Ct);
            await using var db = database.CreateContext();
            var stored = await db.Sessions.AsNoTracking().Include(x => x.Trials).SingleAsync(x => x.Id == session.Id, Ct);
            var list = stored.FixedListNumber!.Value;
            lists.Add(list);
            var body = stored.Trials.Where(t => t.Kind != TrialKind.Practice).OrderBy(t => t.Index).ToList();
            Assert.Equal(Enumerable.Range(0, 12).Select(o => $"list{list}-row{o}"), body.Select(t => t.Condition));
            Assert.Equal(2, stored.Trials.Count(t => t.Kind == TrialKind.Practice));
        }
        Assert.Equal([1, 1, 2, 2, 3, 3], lists.Order());
    }

    [Fact]
    public async Task A_missed_catch_trial_does_not_end_a_session_whose_later_catch_trials_are_not_planned_yet()
    {
        // 40 trials, 4 catch trials, 75 %: one miss of the first leaves 3/4 reachable; with only the planned catch
        // trials counted, the live rule would wrongly see 0/1 with nothing left and end the session.
        var study = await CreateStudyAsync(s => (s.TrialsPerParticipant, s.PracticeTrials, s.CatchTrialShare, s.Qc.MinCatchAccuracy) = (40, 0, 0.1, 0.75));
        await using var web = new PlanningInstance(database);
        var session = await web.StartConsentedAsync(study.Id, Ct);
        var batch = await web.Reader.TrialsAsync(session.Id, session.Token, 0, 13, Ct); // the first catch slot lies in 3 … 12
        await using var source = Npgsql.NpgsqlDataSource.Create(database.ConnectionString);
        await using var writes = new ResponseWriteQueue(source);
        var recorder = new ResponseRecorder(source, writes, web.Completer);

        ResponseReceipt? receipt = null;
        foreach (var trial in batch.Trials.TakeWhile(t => t.Kind != TrialKind.Catch).Append(batch.Trials.First(t => t.Kind == TrialKind.Catch)))
        {
            var wrong = trial.Kind == TrialKind.Catch ? (trial.ExpectedPosition!.Value + 1) % 3 : 0;
            receipt = await recorder.RecordAsync(session.Id, session.Token,
                ResponseSubmission.Parse(Guid.NewGuid(), trial.Id, wrong, "Keyboard", 1000, 2500, 16.7, false, 0), Ct);
        }
        Assert.False(receipt!.SessionEnded);
        Assert.Equal(40, receipt.TotalTrials);

        // The study page's live verdict counts them too: still pending, not excluded.
        await using var db = database.CreateContext();
        var row = (await new AligNet.Data.Studies.StudySessionsQuery(db).LoadAsync(study, Ct)).Sessions.Single();
        Assert.Equal((QcStatus.Pending, 40), (row.Qc, row.Total));
    }

    private static List<int> PlainRandomPairCounts(Guid[] ids, int triplets)
    {
        var random = new Random(15);
        var coverage = new PairCoverage();
        for (var t = 0; t < triplets; t++)
        {
            var picked = ids.OrderBy(_ => random.Next()).Take(3).ToArray();
            coverage.Record(picked[0], picked[1], picked[2]);
        }
        var snapshot = coverage.Snapshot();
        return [.. from a in ids from b in ids where a.CompareTo(b) < 0 select snapshot.GetValueOrDefault((a, b))];
    }

    private static TripletKey Key(Trial t) => new(t.Stimulus0Id, t.Stimulus1Id, t.Stimulus2Id);
}
