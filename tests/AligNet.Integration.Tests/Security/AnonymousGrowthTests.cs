using System.Net;
using AligNet.Data.Participation;
using AligNet.Data.Stimuli;
using AligNet.Domain.Participation;
using AligNet.Domain.Stimuli;
using AligNet.TestSupport;
using AligNet.Web.Stimuli;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AligNet.Integration.Tests.Security;

/// <summary>
/// What anonymous requests can make the server keep: sessions (limited per address, swept when never answered)
/// and cold image resizes (a fixed number at once, the rest told to retry).
/// </summary>
public class AnonymousGrowthTests : IAsyncLifetime
{
    private WebApp app = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => app = await WebApp.StartAsync(new Dictionary<string, string?>
    {
        ["Participants__RateLimits__SessionStartBurst"] = "4",
        ["Participants__RateLimits__SessionStartsPerMinute"] = "1",
        // The web host's own sweeper, fast enough to watch: every second, sessions unanswered for an hour (the test
        // backdates its sessions, so no timing on a loaded machine can sweep one before it is answered).
        ["Participants__AbandonedSessions__After"] = "01:00:00",
        ["Participants__AbandonedSessions__Every"] = "00:00:01",
    });

    public ValueTask DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task Opening_sessions_from_one_address_is_limited_and_told_when_to_retry()
    {
        await using var db = app.Database.CreateContext();
        var study = await ParticipantStudy.CreateAsync(db, app.StimulusRoot);
        using var http = app.CreateClient();
        // Through the trusted (loopback) proxy, as one participant address: the limit is per forwarded address,
        // so this neither spends nor shares the budget of the other tests' plain 127.0.0.1 requests.
        http.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 12; i++)
        {
            var response = await new ParticipantClient(http).PostStartAsync(study.Id, new { parameters = new Dictionary<string, string>() });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) limited ??= response;
        }

        // The burst of 4 (plus at most one token refilled within the minute) is served; the rest is refused, not stored.
        Assert.InRange(statuses.Count(s => s == HttpStatusCode.OK), 4, 5);
        Assert.NotNull(limited);
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.True(await db.Sessions.CountAsync(s => s.StudyId == study.Id, Ct) <= 5);
    }

    [Fact]
    public async Task The_web_host_sweeps_sessions_that_never_answered_and_keeps_answered_ones()
    {
        Guid idle, answered;
        await using (var db = app.Database.CreateContext())
        {
            var study = await ParticipantStudy.CreateAsync(db, app.StimulusRoot);
            using var http = app.CreateClient();
            var first = new ParticipantClient(http);
            idle = (await first.StartAsync(study.Id)).SessionId;
            var second = new ParticipantClient(http);
            answered = (await second.StartAsync(study.Id)).SessionId;
            await second.ConsentAsync();
            await second.AnswerAsync((await second.TrialsAsync(0, 1)).Trials[0], 0);
        }

        await using (var db = app.Database.CreateContext())
        {
            await db.Sessions.Where(s => s.Id == idle || s.Id == answered)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.StartedAt, s => s.StartedAt.AddHours(-2)), Ct);
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        await using var read = app.Database.CreateContext();
        while (await read.Sessions.AnyAsync(s => s.Id == idle, Ct) && DateTime.UtcNow < deadline) await Task.Delay(250, Ct);

        Assert.False(await read.Sessions.AnyAsync(s => s.Id == idle, Ct), "the never-answered session is swept");
        Assert.False(await read.Trials.AnyAsync(t => t.SessionId == idle, Ct), "with its trial plan");
        Assert.True(await read.Sessions.AnyAsync(s => s.Id == answered, Ct), "a session with an answer is data and stays");
        Assert.Equal(1, await read.Responses.CountAsync(r => r.SessionId == answered, Ct));
    }

    [Fact]
    public async Task The_sweep_deletes_only_old_unanswered_in_progress_sessions_and_their_orphan_participants()
    {
        // A database of its own: the web host's fast sweeper must not race this test's rows.
        await using var database = await TestPostgres.CreateDatabaseAsync();
        await using var db = database.CreateContext();
        var study = await ParticipantStudy.CreateAsync(db);
        var now = DateTimeOffset.UtcNow;
        ParticipantSession Session(SessionStatus status, TimeSpan age)
        {
            var participant = new Participant { Id = Guid.NewGuid(), ExternalId = "p-" + Guid.NewGuid().ToString("N")[..8], CreatedAt = now - age };
            var session = new ParticipantSession { Id = Guid.NewGuid(), StudyId = study.Id, ParticipantId = participant.Id, Participant = participant, Status = status, StartedAt = now - age, TokenHash = [1] };
            db.Add(session);
            return session;
        }
        var oldIdle = Session(SessionStatus.InProgress, TimeSpan.FromDays(3));
        var youngIdle = Session(SessionStatus.InProgress, TimeSpan.FromHours(1));
        var oldDeclined = Session(SessionStatus.Abandoned, TimeSpan.FromDays(3));
        await db.SaveChangesAsync(Ct);
        var sweeper = new AbandonedSessions(new ContextFactory(database), TimeProvider.System, NullLogger<AbandonedSessions>.Instance);

        var swept = await sweeper.DeleteAsync(TimeSpan.FromDays(1), Ct);

        Assert.Equal(new AbandonedSessions.Swept(1, 1), swept);
        await using var read = database.CreateContext();
        Assert.False(await read.Sessions.AnyAsync(s => s.Id == oldIdle.Id, Ct));
        Assert.False(await read.Participants.AnyAsync(p => p.Id == oldIdle.ParticipantId, Ct));
        Assert.True(await read.Sessions.AnyAsync(s => s.Id == youngIdle.Id, Ct));
        Assert.True(await read.Sessions.AnyAsync(s => s.Id == oldDeclined.Id, Ct));
        Assert.True(await read.Participants.AnyAsync(p => p.Id == oldDeclined.ParticipantId, Ct));
    }

    [Fact]
    public async Task Cold_resizes_beyond_the_cap_are_answered_busy_and_succeed_once_a_slot_frees()
    {
        var root = Path.Combine(Path.GetTempPath(), "resize-cap-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(root);
        var bytes = TestImages.CutOutPng(400, 300);
        await File.WriteAllBytesAsync(Path.Combine(root, "a.png"), bytes, Ct);
        var options = Options.Create(new StimulusStoreOptions { Root = root, MaxConcurrentResizes = 1, ResizeWaitMilliseconds = 50 });
        using var cache = new StimulusImageCache(new ContextFactory(app.Database), options, NullLogger<StimulusImageCache>.Instance);
        var facts = new StimulusImageCache.ImageFacts("a.png", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), 400, Guid.NewGuid());

        // Another request holds the only slot: a cold resize waits 50 ms, then gives up with "busy".
        await cache.ResizeSlots.WaitAsync(Ct);
        await Assert.ThrowsAsync<ResizeCapacityException>(() => cache.GetAsync(facts, 128, Ct));
        cache.ResizeSlots.Release();

        var resized = await cache.GetAsync(facts, 128, Ct);
        Assert.NotEmpty(resized);
        // Once made, a variant is served from cache without a slot, even when every slot is taken.
        await cache.ResizeSlots.WaitAsync(Ct);
        Assert.Equal(resized, await cache.GetAsync(facts, 128, Ct));
        cache.ResizeSlots.Release();
        Directory.Delete(root, recursive: true);
    }

    private sealed class ContextFactory(TestDatabase database) : IDbContextFactory<AligNet.Data.AligNetDbContext>
    {
        public AligNet.Data.AligNetDbContext CreateDbContext() => database.CreateContext();
    }
}
