using System.Net;
using AligNet.Data;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Web.Accounts;

/// <summary>
/// Slows password guessing per client address instead of locking accounts (ADR-011): an account lockout lets anyone
/// lock the documented admin out with a few wrong passwords, and its message tells which e-mails exist. Here the
/// first <see cref="FreeFailures"/> failures from an address cost nothing; after that the address waits
/// <see cref="FirstDelay"/>, doubling with each further failure up to <see cref="MaxDelay"/>, before its next attempt.
/// The count is forgotten <see cref="Window"/> after the address's last failure. Behind a reverse proxy the address is
/// the forwarded one (the forwarded-headers set-up decides which proxies to trust).
/// The counts live in PostgreSQL (<c>alignet.sign_in_failures</c>), not in the process: every web instance behind a
/// load balancer sees the same count, so more instances do not mean more free guesses, and a restart forgets nothing.
/// </summary>
public sealed class SignInThrottle(IDbContextFactory<AligNetDbContext> contexts, TimeProvider clock)
{
    public const int FreeFailures = 5;
    public static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    /// <summary>How long <paramref name="address"/> must still wait before it may try again; zero when it may now.</summary>
    public async Task<TimeSpan> RetryAfterAsync(IPAddress? address, CancellationToken ct = default)
    {
        var key = Key(address);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var blockedUntil = await db.SignInFailures.Where(f => f.Address == key).Select(f => (DateTimeOffset?)f.BlockedUntil).FirstOrDefaultAsync(ct);
        var wait = (blockedUntil ?? DateTimeOffset.MinValue) - clock.GetUtcNow();
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    public async Task FailedAsync(IPAddress? address, CancellationToken ct = default)
    {
        var key = Key(address);
        var now = clock.GetUtcNow();
        var expired = now - Window;
        await using var db = await contexts.CreateDbContextAsync(ct);
        // One statement counts the failure, whichever instance saw the ones before; a count whose last failure is older
        // than the window starts again at one.
        var failures = await db.Database.SqlQuery<int>($"""
            INSERT INTO alignet.sign_in_failures AS f ("Address", "Failures", "LastFailureAt", "BlockedUntil")
            VALUES ({key}, 1, {now}, {now})
            ON CONFLICT ("Address") DO UPDATE SET
                "Failures" = CASE WHEN f."LastFailureAt" <= {expired} THEN 1 ELSE f."Failures" + 1 END,
                "LastFailureAt" = {now}
            RETURNING "Failures" AS "Value"
            """).AsAsyncEnumerable().SingleAsync(ct);
        var beyond = failures - FreeFailures;
        if (beyond >= 0)
        {
            var until = now + TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, FirstDelay.Ticks << Math.Min(beyond, 20)));
            // GREATEST: two instances counting failures at once never shorten each other's wait.
            await db.Database.ExecuteSqlAsync($"""
                UPDATE alignet.sign_in_failures SET "BlockedUntil" = GREATEST("BlockedUntil", {until}) WHERE "Address" = {key}
                """, ct);
        }
        // The table holds only the last window's addresses, however many a flood brings.
        await db.Database.ExecuteSqlAsync($"""DELETE FROM alignet.sign_in_failures WHERE "LastFailureAt" <= {expired}""", ct);
    }

    /// <summary>IPv6 clients usually own a whole /64: count it as one address, or each guess could come from a new one.</summary>
    private static string Key(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
