using AligNet.Data;
using AligNet.Data.Runs;
using AligNet.Domain.Runs;
using AligNet.Pipelines.Runs;
using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AligNet.Ml.Tests.Runs;

/// <summary>
/// A run's curve points (issue 16): stored by the progress statement itself, exactly the points reported, none twice
/// when a write is repeated, none dropped by the reporter's throttle, and thinned evenly past the bound.
/// </summary>
public class RunCurvePointTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private TestDatabase database = null!;
    private NpgsqlDataSource source = null!;

    public async ValueTask InitializeAsync()
    {
        database = await TestPostgres.CreateDatabaseAsync();
        source = DataServiceCollectionExtensions.CreateDataSource(database.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        await source.DisposeAsync();
        await database.DisposeAsync();
    }

    private static readonly DateTimeOffset Start = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The k-th point a run reports (k from 0): hand-checkable values, one second apart.</summary>
    private static RunProgress Point(int k) =>
        new("λ=0.1", k + 1, null, Epoch: k + 1, Loss: 2.0 - k / 10_000.0, ValidationAccuracy: k % 2 == 0 ? 0.5 + k / 100_000.0 : null) { At = Start.AddSeconds(k) };

    [Fact]
    public async Task A_run_reporting_n_points_stores_exactly_them_once_even_when_a_write_is_repeated()
    {
        var runId = await RunAsync();
        var writer = new RunProgressWriter(source);
        for (var k = 0; k < 30; k++) writer.Write(runId, Point(k), appendToLog: k % 10 == 0);
        // Ten more in one write (what the reporter sends after its throttle held them back), then that write again:
        // a retry after a lost acknowledgement must add neither points nor a log line.
        var batch = Enumerable.Range(30, 10).Select(Point).ToList();
        writer.Write(runId, batch[^1], appendToLog: true, batch);
        writer.Write(runId, batch[^1], appendToLog: true, batch);
        // Progress without a loss or accuracy (a stage line) is no curve point.
        writer.Write(runId, new RunProgress("saving", 40, 40) { At = Start.AddSeconds(50) }, appendToLog: false);

        var stored = await StoredAsync(runId);
        Assert.Equal(Enumerable.Range(0, 40), stored.Select(p => p.Seq));
        Assert.Equal(Enumerable.Range(0, 40).Select(k => (Point(k).Epoch, Point(k).Done, Point(k).Loss, Point(k).ValidationAccuracy, Point(k).At)),
            stored.Select(p => (p.Epoch, p.Done, p.Loss, p.ValidationAccuracy, p.At)));
        var (reported, log) = await RunRowAsync(runId);
        Assert.Equal(40, reported);
        Assert.Equal(4, log.Split('\n').Length); // points 0, 10, 20 and the batch: once
    }

    [Fact]
    public async Task Past_the_bound_every_second_then_every_fourth_point_is_kept_evenly_from_the_first()
    {
        var runId = await RunAsync();
        var writer = new RunProgressWriter(source);
        for (var k = 0; k < 2000; k += 100) Write(k, 100);
        Assert.Equal(Enumerable.Range(0, 2000), (await StoredAsync(runId)).Select(p => p.Seq)); // at the bound: all

        Write(2000, 1); // 2,001 reported: stride 2 keeps 0, 2, …, 2000
        Assert.Equal(Enumerable.Range(0, 1001).Select(i => 2 * i), (await StoredAsync(runId)).Select(p => p.Seq));

        for (var k = 2001; k < 4500; k += 500) Write(k, Math.Min(500, 4500 - k)); // 4,500 reported: stride 4, 1,125 points
        var stored = await StoredAsync(runId);
        Assert.Equal(Enumerable.Range(0, 1125).Select(i => 4 * i), stored.Select(p => p.Seq));
        Assert.All(stored, p => Assert.Equal((Point(p.Seq).Loss, Point(p.Seq).At), (p.Loss, p.At)));
        Assert.Equal(4500, (await RunRowAsync(runId)).Reported);

        void Write(int first, int count)
        {
            var points = Enumerable.Range(first, count).Select(Point).ToList();
            writer.Write(runId, points[^1], appendToLog: false, points);
        }
    }

    [Fact]
    public async Task Points_the_reporters_throttle_held_back_are_written_with_the_next_write_or_the_flush()
    {
        var runId = await RunAsync();
        using var reporter = new RunProgressReporter(new RunProgressWriter(source), runId);
        for (var k = 0; k < 7; k++) reporter.Report(Point(k) with { At = DateTimeOffset.UtcNow.AddMilliseconds(k) });
        // The first was written at once; the rest normally wait for the 500 ms throttle (not asserted: a slow write on a
        // loaded machine may let one through, which must not change what ends up stored).
        reporter.Report(new RunProgress("λ=0.1 done", 7, 7) { At = DateTimeOffset.UtcNow.AddSeconds(1) }); // throttled, no point
        reporter.Flush();
        Assert.Equal(Enumerable.Range(0, 7).Select(k => Point(k).Loss), (await StoredAsync(runId)).Select(p => p.Loss));
    }

    private async Task<Guid> RunAsync()
    {
        await using var db = database.CreateContext();
        var run = new Run { Id = Guid.NewGuid(), Kind = RunKind.Teacher, State = RunState.Running, Parameters = "{}", CreatedAt = DateTimeOffset.UtcNow };
        db.Runs.Add(run);
        await db.SaveChangesAsync(Ct);
        return run.Id;
    }

    private sealed record StoredPoint(int Seq, int? Epoch, long Done, double? Loss, double? ValidationAccuracy, DateTimeOffset At);

    /// <summary>The stored points by plain SQL, not through the writer's or the page's code.</summary>
    private async Task<List<StoredPoint>> StoredAsync(Guid runId)
    {
        await using var db = database.CreateContext();
        return await db.Database.SqlQuery<StoredPoint>($"""
            SELECT "Seq", "Epoch", "Done", "Loss", "ValidationAccuracy", "At" FROM alignet.run_curve_points WHERE "RunId" = {runId} ORDER BY "Seq"
            """).ToListAsync(Ct);
    }

    private async Task<(int Reported, string Log)> RunRowAsync(Guid runId)
    {
        await using var db = database.CreateContext();
        var row = await db.Runs.AsNoTracking().SingleAsync(r => r.Id == runId, Ct);
        return (row.CurvePointsReported, row.LogTail ?? "");
    }
}
