using System.Net;
using Microsoft.Extensions.Caching.Memory;

namespace AligNet.Web.Accounts;

/// <summary>
/// Slows password guessing per client address instead of locking accounts (ADR-011): an account lockout lets anyone
/// lock the documented admin out with a few wrong passwords, and its message tells which e-mails exist. Here the
/// first <see cref="FreeFailures"/> failures from an address cost nothing; after that the address waits
/// <see cref="FirstDelay"/>, doubling with each further failure up to <see cref="MaxDelay"/>, before its next attempt.
/// The count is forgotten <see cref="Window"/> after the address's last failure. Behind a reverse proxy the address is
/// the forwarded one (the forwarded-headers set-up decides which proxies to trust).
/// </summary>
public sealed class SignInThrottle(TimeProvider clock) : IDisposable
{
    public const int FreeFailures = 5;
    public static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    /// <summary>Addresses remembered at most; beyond that the cache drops the oldest, so a flood cannot grow memory.</summary>
    public const int MaxAddresses = 100_000;

    private sealed class State
    {
        public int Failures;
        public DateTimeOffset BlockedUntil;
    }

    private readonly MemoryCache addresses = new(new MemoryCacheOptions { SizeLimit = MaxAddresses });

    /// <summary>How long <paramref name="address"/> must still wait before it may try again; zero when it may now.</summary>
    public TimeSpan RetryAfter(IPAddress? address)
    {
        if (!addresses.TryGetValue(Key(address), out State? state)) return TimeSpan.Zero;
        lock (state!)
        {
            var wait = state.BlockedUntil - clock.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
    }

    public void Failed(IPAddress? address)
    {
        var state = addresses.GetOrCreate(Key(address), entry =>
        {
            entry.Size = 1;
            entry.SlidingExpiration = Window;
            return new State();
        })!;
        lock (state)
        {
            state.Failures++;
            var beyond = state.Failures - FreeFailures;
            if (beyond < 0) return;
            var delay = TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, FirstDelay.Ticks << Math.Min(beyond, 20)));
            state.BlockedUntil = clock.GetUtcNow() + delay;
        }
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

    public void Dispose() => addresses.Dispose();
}
