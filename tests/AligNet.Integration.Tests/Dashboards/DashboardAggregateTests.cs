using AligNet.Data;
using AligNet.Data.Dashboards;
using AligNet.Domain.Participation;
using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AligNet.Integration.Tests.Dashboards;

/// <summary>
/// The dashboard aggregates (ADR-024) on real PostgreSQL: the collection figures read as aggregate + tail must equal
/// a full recomputation over every response (<see cref="CollectionRecomputation"/>; the Sampling page's arm counts too) before a fold, after it, after new
/// answers, after QC verdicts change, and when folds run concurrently or overlap a slow answer transaction.
/// </summary>
public class DashboardAggregateTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Fact]
    public async Task Aggregate_plus_tail_equals_a_full_recomputation_through_inserts_folds_and_QC_changes()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync();
        await using var source = DataServiceCollectionExtensions.CreateDataSource(database.ConnectionString);
        var fold = new DashboardFold(source, chunkRows: 37); // several chunks, so chunk borders are exercised
        await using var db = database.CreateContext();
        var seed = await AggregateSeed.CreateAsync(db);
        var sessions = new List<Guid>();
        for (var i = 0; i < 12; i++)
        {
            var qc = i % 5 == 1 ? QcStatus.Excluded : i == 3 ? QcStatus.Flagged : QcStatus.Valid;
            sessions.Add(await seed.AddSessionAsync(db, qc, Now.AddHours(-3).AddMinutes(9 * i)));
        }
        var resumed = await seed.AddSessionAsync(db, QcStatus.Pending, Now.AddHours(-2), answered: 6);
        for (var i = 0; i < 3; i++) await seed.AddSessionAsync(db, QcStatus.Valid, Now.AddHours(-2).AddMinutes(i), study: seed.OtherStudyId);

        await AssertSameAsRecomputedAsync(db, seed, "nothing folded yet (all tail)");

        var first = await fold.FoldAsync(TestContext.Current.CancellationToken);
        Assert.True(first.Folded);
        Assert.True(first.Chunks > 3, $"{first.Chunks} chunk(s)");
        Assert.Equal(0, await TailAsync(db));
        await AssertSameAsRecomputedAsync(db, seed, "after the first fold (no tail: the aggregates alone)");

        // New sessions answer now (an answer's ReceivedAt is its transaction's time, so never before a fold that ran
        // earlier), the paused one resumes, and one answers "in the future": it stays in the tail after any fold.
        for (var i = 0; i < 3; i++) await seed.AddSessionAsync(db, QcStatus.Valid, DateTimeOffset.UtcNow, apartMs: 10);
        await AnswerRestAsync(db, resumed, DateTimeOffset.UtcNow);
        await seed.AddSessionAsync(db, QcStatus.Valid, Now.AddHours(1));
        await AssertSameAsRecomputedAsync(db, seed, "new answers, not folded");
        await Task.Delay(TimeSpan.FromSeconds(1.2), TestContext.Current.CancellationToken); // past the fold's one-second margin
        await fold.FoldAsync(TestContext.Current.CancellationToken);
        Assert.True(await TailAsync(db) > 0);
        await AssertSameAsRecomputedAsync(db, seed, "new answers folded, a tail left");

        // QC changes after the fold: an included session is excluded, an excluded one reinstated, a pending one excluded.
        await SetQcAsync(db, sessions[0], QcStatus.Excluded);
        await SetQcAsync(db, sessions[1], QcStatus.Valid);
        await SetQcAsync(db, resumed, QcStatus.Excluded);
        await AssertSameAsRecomputedAsync(db, seed, "QC changed, not folded");
        await fold.FoldAsync(TestContext.Current.CancellationToken);
        await AssertSameAsRecomputedAsync(db, seed, "QC changes folded");
        await SetQcAsync(db, sessions[0], QcStatus.Valid);
        await fold.FoldAsync(TestContext.Current.CancellationToken);
        await fold.FoldAsync(TestContext.Current.CancellationToken);
        await AssertSameAsRecomputedAsync(db, seed, "reinstated and folded twice");
        Assert.Equal(0, await db.Database.SqlQuery<int>($"""
            SELECT count(*)::int AS "Value" FROM alignet.dashboard_session_stats l JOIN alignet.sessions s ON s."Id" = l."SessionId"
            WHERE l."Included" <> (s."Qc" <> 'Excluded')
            """).SingleAsync(TestContext.Current.CancellationToken));

        // A rebuild forgets the aggregates (all tail again), and the next fold starts over.
        await fold.RebuildAsync(TestContext.Current.CancellationToken);
        await AssertSameAsRecomputedAsync(db, seed, "rebuilt, not folded");
        await new DashboardFold(source).FoldAsync(TestContext.Current.CancellationToken);
        await AssertSameAsRecomputedAsync(db, seed, "rebuilt and folded");
    }

    [Fact]
    public async Task Concurrent_folds_and_an_answer_transaction_still_open_count_every_response_once()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync();
        await using var source = DataServiceCollectionExtensions.CreateDataSource(database.ConnectionString);
        await using var db = database.CreateContext();
        var seed = await AggregateSeed.CreateAsync(db);
        for (var i = 0; i < 8; i++) await seed.AddSessionAsync(db, i == 2 ? QcStatus.Excluded : QcStatus.Valid, Now.AddHours(-1).AddMinutes(3 * i));
        var open = await seed.AddSessionAsync(db, QcStatus.Pending, Now.AddMinutes(-5), answered: 10);

        // An answer whose transaction started now and is still open while folds run: its ReceivedAt (now()) is
        // already in the past when they run, but it is not visible to them yet. A fold must not move past it.
        await using var slow = await source.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var transaction = await slow.BeginTransactionAsync(TestContext.Current.CancellationToken);
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO alignet.responses ("Id", "TrialId", "SessionId", "ChosenPosition", "ChosenStimulusId", "Input", "OnsetTimeMs",
                "OnsetMethod", "ResponseTimeMs", "RtMs", "FocusLost", "FullscreenExits", "ReceivedAt")
            SELECT gen_random_uuid(), t."Id", t."SessionId", 1, t."Stimulus1Id", 'Keyboard', 0, 'NotReported', 0, 777, false, 0, now()
            FROM alignet.trials t WHERE t."SessionId" = @session AND t."Index" = 10
            """, slow, transaction))
        {
            insert.Parameters.AddWithValue("session", open);
            Assert.Equal(1, await insert.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
        }
        await Task.Delay(TimeSpan.FromSeconds(1.5), TestContext.Current.CancellationToken);

        var folds = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => new DashboardFold(source, chunkRows: 50).FoldAsync())));
        Assert.Contains(folds, f => f.Folded);
        await transaction.CommitAsync(TestContext.Current.CancellationToken);
        await AssertSameAsRecomputedAsync(db, seed, "concurrent folds, then the slow answer committed");
        await Task.Delay(TimeSpan.FromSeconds(1.1), TestContext.Current.CancellationToken);
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => new DashboardFold(source).FoldAsync())));
        Assert.Equal(0, await TailAsync(db));
        await AssertSameAsRecomputedAsync(db, seed, "folded again: the slow answer is in the aggregates, once");
    }

    private static async Task AssertSameAsRecomputedAsync(AligNetDbContext db, AggregateSeed seed, string when)
    {
        foreach (var study in new[] { seed.StudyId, seed.OtherStudyId })
        {
            db.ChangeTracker.Clear();
            var expected = await CollectionRecomputation.ComputeAsync(db, study);
            var query = new CollectionQuery(db, study);
            Assert.True(expected.Hours.Count > 0 || study == seed.OtherStudyId, when);
            Assert.Equal(expected.Hours, await query.ResponsesOverTimeAsync("hour"));
            Assert.Equal(expected.RtByLevel, await query.RtByLevelAsync());
            Assert.Equal(expected.MedianRt, await query.MedianRtPerParticipantAsync());
            var pairs = await query.PairCoverageAsync();
            Assert.Equal(expected.PairsShown, pairs.Where(b => b.Value > 0));
            Assert.Equal(AggregateSeed.Stimuli * (AggregateSeed.Stimuli - 1) / 2, pairs.Sum(b => b.Count));
            var ceiling = await query.NoiseCeilingAsync();
            Assert.Equal((expected.Ceiling.RepeatedTriplets, expected.Ceiling.Triplets), (ceiling.RepeatedTriplets, ceiling.Triplets));
            Assert.Equal(expected.Ceiling.NoiseCeiling is null, ceiling.NoiseCeiling is null);
            Assert.Equal(expected.Ceiling.NoiseCeiling ?? 0, ceiling.NoiseCeiling ?? 0, 12);
            Assert.Equal(expected.Consistency, await query.RepeatConsistencyAsync());
            Assert.True(expected.ArmHours.Select(a => a.Arm).Distinct().Count() == 3 || study == seed.OtherStudyId, when);
            Assert.Equal(expected.ArmHours, await query.AnsweredPerArmAsync("hour"));
            Assert.Equal(ByDay(expected.ArmHours), await query.AnsweredPerArmAsync("day"));
            Assert.True(expected.AdaptivePerTeacher.Count == 2 || study == seed.OtherStudyId, when);
            Assert.Equal(expected.AdaptivePerTeacher, await query.AdaptiveTrialsPerTeacherAsync());
        }
    }

    private static List<SamplingLiveQuery.ArmBucket> ByDay(List<SamplingLiveQuery.ArmBucket> hours) =>
        [.. hours.GroupBy(a => (a.Bucket.Date, a.Arm)).OrderBy(g => g.Key.Date).ThenBy(g => g.Key.Arm, StringComparer.Ordinal)
            .Select(g => new SamplingLiveQuery.ArmBucket(g.Key.Date, g.Key.Arm, g.Sum(a => a.Count)))];

    /// <summary>Responses the aggregates do not hold yet (received at or after the watermark).</summary>
    private static Task<int> TailAsync(AligNetDbContext db) => db.Database.SqlQuery<int>($"""
        SELECT count(*)::int AS "Value" FROM alignet.responses WHERE "ReceivedAt" >= (SELECT "FoldedBefore" FROM alignet.dashboard_watermark)
        """).SingleAsync();

    private static Task SetQcAsync(AligNetDbContext db, Guid session, QcStatus qc) =>
        db.Sessions.Where(s => s.Id == session).ExecuteUpdateAsync(u => u.SetProperty(s => s.Qc, qc));

    private static async Task AnswerRestAsync(AligNetDbContext db, Guid session, DateTimeOffset at)
    {
        var open = await db.Trials.Where(t => t.SessionId == session && !db.Responses.Any(r => r.TrialId == t.Id)).ToListAsync();
        db.AddRange(open.Select(t => new Response
        {
            Id = Guid.NewGuid(), TrialId = t.Id, SessionId = session, ChosenPosition = t.Index % 3, ChosenStimulusId = t.StimulusAt(t.Index % 3),
            Input = InputMode.Mouse, RtMs = 900 + 10 * t.Index, ReceivedAt = at.AddMilliseconds(10 * t.Index),
        }));
        await db.SaveChangesAsync();
    }
}
