using AligNet.Data.Runs;
using AligNet.Domain.Runs;
using AligNet.Jobs.Schedules;
using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AligNet.Ml.Tests.Runs;

/// <summary>
/// A data trigger "after every 50 new valid responses, at most once an hour" with participants' responses arriving in
/// the database and a test clock: it fires once at the 50th valid response (practice answers, timeouts and excluded
/// sessions do not count), not again until another 50, and a steady stream never makes it fire more than once an hour.
/// </summary>
public class DataTriggerTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private RunServices services = null!;
    private Guid setId;
    private ArrivingResponses arriving = null!;

    public async ValueTask InitializeAsync()
    {
        services = await RunServices.StartAsync(s => s.AddSingleton<TimeProvider>(clock));
        await using var db = services.Database.CreateContext();
        setId = await CircleConcepts.CreateAsync(db, services.Root);
        arriving = new ArrivingResponses(setId);
    }

    public ValueTask DisposeAsync() => services.DisposeAsync();

    [Fact]
    public async Task It_fires_once_per_50_new_valid_responses_and_a_steady_stream_fires_it_at_most_once_an_hour()
    {
        await using var db = services.Database.CreateContext();
        await arriving.SessionAsync(db, 30); // before the schedule exists: not new
        var pipeline = new ScheduledPipeline(false, true, CircleConcepts.Model, CircleConcepts.Version, 3, false, 0);
        var schedule = await services.Get<ScheduleEditor>().CreateAsync("on data", setId, null, "UTC", 50, 60, pipeline, "admin", Ct);
        var firer = services.Get<ScheduleFirer>();

        // 49 new valid responses, plus answers that do not count (an excluded session's, practice, timeouts): nothing.
        await arriving.SessionAsync(db, 40);
        await arriving.SessionAsync(db, 60, excluded: true);
        await arriving.SessionAsync(db, 9);
        Assert.Empty(await firer.FireDueAsync(Ct));
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Empty(await firer.FireDueAsync(Ct));

        // The 50th: it fires, once, however many workers check.
        await arriving.SessionAsync(db, 1);
        var first = Assert.Single(await firer.FireDueAsync(Ct));
        Assert.Empty(await firer.FireDueAsync(Ct));
        Assert.Equal(ScheduleFirer.RunIdFor(schedule.Id, "responses:80"), first);
        await FinishAsync(first);

        // Responses keep arriving, 20 every 5 minutes: 50 new ones are there after 15 minutes, but it waits out the hour.
        var fired = new List<(int Minute, Guid Run)>();
        for (var minute = 5; minute <= 115; minute += 5)
        {
            clock.Advance(TimeSpan.FromMinutes(5));
            await arriving.SessionAsync(db, 20);
            foreach (var run in await firer.FireDueAsync(Ct))
            {
                fired.Add((minute, run));
                await FinishAsync(run);
            }
        }
        Assert.Equal([60], fired.Select(f => f.Minute));

        // Streaming stopped at minute 115: 55 minutes × 4 responses a minute since the last firing; once the hour is up it fires again.
        clock.Advance(TimeSpan.FromMinutes(5));
        await FinishAsync(Assert.Single(await firer.FireDueAsync(Ct)));
        Assert.Empty(await firer.FireDueAsync(Ct));

        // Another hour later with fewer than 50 new responses: nothing until the 50th.
        clock.Advance(TimeSpan.FromHours(2));
        await arriving.SessionAsync(db, 49);
        Assert.Empty(await firer.FireDueAsync(Ct));
        await arriving.SessionAsync(db, 1);
        Assert.Single(await firer.FireDueAsync(Ct));

        var stored = await db.RunSchedules.AsNoTracking().SingleAsync(Ct);
        Assert.Equal(await ValidResponses.CountAsync(db, setId, Ct), stored.ResponsesAtLastFire);
        Assert.Equal(30 + 50 + 23 * 20 + 50, stored.ResponsesAtLastFire);
        Assert.Equal(4, await db.Runs.CountAsync(r => r.Kind == RunKind.Pipeline, Ct));
        Assert.Equal(4, await db.AuditLog.CountAsync(a => a.Action == "job.schedule" && a.Actor.StartsWith("system"), Ct));
    }

    /// <summary>As if the fired run had been taken care of: cancelled, so the next firing may write the same teacher version.</summary>
    private async Task FinishAsync(Guid runId)
    {
        await using var db = services.Database.CreateContext();
        Assert.True(await new RunLedger(db).RequestCancelAsync(runId, Ct));
    }
}
