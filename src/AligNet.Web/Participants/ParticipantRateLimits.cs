using System.Threading.RateLimiting;
using AligNet.Api.Contracts;
using Microsoft.AspNetCore.RateLimiting;

namespace AligNet.Web.Participants;

/// <summary>Limits of the participant API, from configuration section <c>Participants:RateLimits</c>.</summary>
public sealed class ParticipantRateLimitOptions
{
    public const string Section = "Participants:RateLimits";

    /// <summary>A person answers at most a few trials a second; a bot gone wild is stopped at this rate.</summary>
    public int PerSessionPerSecond { get; set; } = 10;
    public int PerSessionBurst { get; set; } = 30;

    /// <summary>Shared by everyone behind one address (a lab, a campus NAT), so far above one person's rate.</summary>
    public int PerAddressPerSecond { get; set; } = 50;
    public int PerAddressBurst { get; set; } = 200;

    /// <summary>
    /// New sessions per address: each one writes a whole trial plan, so an anonymous script could otherwise fill
    /// the database. A class of 60 people behind one NAT may all start at once; beyond that, one a second.
    /// </summary>
    public int SessionStartsPerMinute { get; set; } = 60;
    public int SessionStartBurst { get; set; } = 60;
}

/// <summary>
/// Token buckets per session and per client address, on the participant API only. A refused request gets 429
/// with Retry-After and a problem-details body; the browser's outbox simply retries later, so nothing is lost.
/// Behind a reverse proxy, configure forwarded headers so that the address is the participant's.
/// </summary>
public static class ParticipantRateLimits
{
    public static IServiceCollection AddParticipantRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection(ParticipantRateLimitOptions.Section).Get<ParticipantRateLimitOptions>() ?? new();
        return services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context => IsSessionStart(context)
                    ? RateLimitPartition.GetTokenBucketLimiter("start:" + context.Connection.RemoteIpAddress, _ => Bucket(limits.SessionStartsPerMinute, limits.SessionStartBurst, TimeSpan.FromMinutes(1)))
                    : RateLimitPartition.GetNoLimiter("")),
                PartitionedRateLimiter.Create<HttpContext, string>(context => IsParticipantApi(context)
                    ? RateLimitPartition.GetTokenBucketLimiter("address:" + context.Connection.RemoteIpAddress, _ => Bucket(limits.PerAddressPerSecond, limits.PerAddressBurst))
                    : RateLimitPartition.GetNoLimiter("")),
                PartitionedRateLimiter.Create<HttpContext, string>(context => IsParticipantApi(context) && SessionIdOf(context.Request.Path) is { } session
                    ? RateLimitPartition.GetTokenBucketLimiter("session:" + session, _ => Bucket(limits.PerSessionPerSecond, limits.PerSessionBurst))
                    : RateLimitPartition.GetNoLimiter("")));
            options.OnRejected = async (rejected, ct) =>
            {
                var response = rejected.HttpContext.Response;
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                response.Headers.RetryAfter = "1";
                await ParticipantProblems.Problem(429, "Too many requests from this session or address; wait a second and retry.")
                    .ExecuteAsync(rejected.HttpContext);
            };
        });
    }

    private static TokenBucketRateLimiterOptions Bucket(int perPeriod, int burst, TimeSpan? period = null) => new()
    {
        TokenLimit = burst,
        TokensPerPeriod = perPeriod,
        ReplenishmentPeriod = period ?? TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static bool IsParticipantApi(HttpContext context) => context.Request.Path.StartsWithSegments(ParticipantApi.Prefix);

    /// <summary><c>POST /api/participate/studies/{id}/sessions</c>, the only anonymous request that writes much.</summary>
    private static bool IsSessionStart(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method) || !IsParticipantApi(context)) return false;
        var segments = context.Request.Path.Value!.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length == 5 && segments[2] == "studies" && segments[4] == "sessions";
    }

    /// <summary>The session id in <c>/api/participate/sessions/{id}/…</c>, read from the path because limiting runs before routing.</summary>
    private static string? SessionIdOf(PathString path)
    {
        var segments = path.Value!.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length >= 4 && segments[2] == "sessions" && Guid.TryParse(segments[3], out var id) ? id.ToString() : null;
    }
}
