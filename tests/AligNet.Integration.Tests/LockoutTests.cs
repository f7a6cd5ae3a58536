using System.Net;
using System.Net.Sockets;
using AligNet.TestSupport;
using AligNet.Web.Accounts;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Integration.Tests;

/// <summary>
/// Password guessing is slowed per client address, never by locking the account: another address (the admin's own)
/// still signs in, and no message tells whether an e-mail exists. Clients come from distinct loopback addresses
/// (127.0.0.x), as distinct machines would.
/// </summary>
public class LockoutTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>
{
    private const string Throttled = "Too many failed sign-ins from your network.";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient ClientFrom(string localAddress) =>
        new(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = true,
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(IPAddress.Parse(localAddress), 0));
                await socket.ConnectAsync(context.DnsEndPoint, ct);
                return new NetworkStream(socket, ownsSocket: true);
            },
        }) { BaseAddress = fixture.App.BaseAddress };

    [Fact]
    public async Task Guessing_from_one_address_is_throttled_there_but_never_locks_the_account_for_its_owner()
    {
        using var attacker = ClientFrom("127.0.0.2");
        string? throttled = null;
        // The delay doubles after the free failures, so within a dozen quick guesses it outlasts a request.
        for (var i = 0; i < 12 && throttled is null; i++)
        {
            var guess = await SignIn.PostAsync(attacker, WebApp.AdminEmail, "wrong-" + i);
            if (guess.Body.Contains(Throttled, StringComparison.Ordinal)) throttled = guess.Body;
            else Assert.Contains(StaffSignIn.Failed, guess.Body);
        }
        Assert.NotNull(throttled);
        var rightPasswordWhileThrottled = await SignIn.PostAsync(attacker, WebApp.AdminEmail, WebApp.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, rightPasswordWhileThrottled.Status);

        using var owner = ClientFrom("127.0.0.3");
        var signedIn = await SignIn.PostAsync(owner, WebApp.AdminEmail, WebApp.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.Status);
    }

    [Fact]
    public async Task Known_and_unknown_e_mails_get_the_same_words_before_and_after_many_failures()
    {
        using var known = ClientFrom("127.0.0.4");
        using var unknown = ClientFrom("127.0.0.5");
        for (var i = 0; i < SignInThrottle.FreeFailures; i++)
        {
            var a = await SignIn.PostAsync(known, WebApp.AdminEmail, "wrong-" + i);
            var b = await SignIn.PostAsync(unknown, "nobody-" + i + "@test.local", "wrong-" + i);
            Assert.Equal(Message(a.Body), Message(b.Body));
        }
        Assert.DoesNotContain("locked", (await SignIn.PostAsync(known, WebApp.AdminEmail, "wrong")).Body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_wait_starts_after_the_free_failures_doubles_is_capped_and_is_per_address()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync();
        var clock = new ManualClock();
        var throttle = new SignInThrottle(database.ContextFactory(), clock);
        var attacker = IPAddress.Parse("203.0.113.7");
        var waits = new List<double>();
        for (var i = 0; i < SignInThrottle.FreeFailures + 8; i++)
        {
            await throttle.FailedAsync(attacker, Ct);
            waits.Add((await throttle.RetryAfterAsync(attacker, Ct)).TotalSeconds);
        }

        Assert.Equal([0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 60, 60, 60], waits);
        Assert.Equal(TimeSpan.Zero, await throttle.RetryAfterAsync(IPAddress.Parse("203.0.113.8"), Ct));
        // One IPv6 /64 is one address: a client cannot dodge the wait by hopping within its prefix.
        await throttle.FailedAsync(IPAddress.Parse("2001:db8::1"), Ct);
        Assert.Equal(TimeSpan.Zero, await throttle.RetryAfterAsync(IPAddress.Parse("2001:db8::2"), Ct));
        for (var i = 0; i < SignInThrottle.FreeFailures; i++) await throttle.FailedAsync(IPAddress.Parse($"2001:db8::{i + 3:x}"), Ct);
        Assert.True(await throttle.RetryAfterAsync(IPAddress.Parse("2001:db8::ffff"), Ct) > TimeSpan.Zero);
        clock.Now += TimeSpan.FromSeconds(61);
        Assert.Equal(TimeSpan.Zero, await throttle.RetryAfterAsync(attacker, Ct));

        // Another instance (its own throttle object, the same database) sees the same count: one more failure there
        // continues the doubling instead of starting with free guesses.
        var otherInstance = new SignInThrottle(database.ContextFactory(), clock);
        await otherInstance.FailedAsync(attacker, Ct);
        Assert.Equal(60, (await throttle.RetryAfterAsync(attacker, Ct)).TotalSeconds);

        // Past the window the count starts again, and the address's row is gone with the next failure anywhere.
        clock.Now += SignInThrottle.Window + TimeSpan.FromSeconds(1);
        await throttle.FailedAsync(IPAddress.Parse("198.51.100.1"), Ct);
        await using var db = database.CreateContext();
        Assert.Equal(["198.51.100.1"], await db.SignInFailures.Select(f => f.Address).ToListAsync(Ct));
        for (var i = 0; i < SignInThrottle.FreeFailures - 1; i++) await throttle.FailedAsync(attacker, Ct);
        Assert.Equal(TimeSpan.Zero, await throttle.RetryAfterAsync(attacker, Ct));
    }

    /// <summary>The text of the form's error box.</summary>
    private static string Message(string body)
    {
        var start = body.IndexOf("data-testid=\"login-error\">", StringComparison.Ordinal);
        Assert.True(start >= 0, "the form shows an error");
        var from = body.IndexOf('>', start) + 1;
        return body[from..body.IndexOf('<', from)];
    }

    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }
}
