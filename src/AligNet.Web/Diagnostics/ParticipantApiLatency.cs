using System.Collections.Concurrent;
using System.Diagnostics;
using AligNet.Api.Contracts;

namespace AligNet.Web.Diagnostics;

/// <summary>
/// Server-side latency of the participant API, per route, since start or the last reset: what the load benchmark
/// reads to say how fast the server answers, apart from the clients' own queueing. Always on: recording costs two
/// interlocked increments, and the numbers are worth having in production too.
/// </summary>
public sealed class ParticipantApiLatency
{
    private ConcurrentDictionary<string, RouteLatency> routes = new();
    private DateTimeOffset since = DateTimeOffset.UtcNow;
    /// <summary>Every request since start per route, never reset: what <see cref="ApiLatencySnapshots"/> takes minute deltas of.</summary>
    private readonly ConcurrentDictionary<string, LatencyHistogram> lifetime = new();

    private sealed class RouteLatency
    {
        public readonly LatencyHistogram Histogram = new();
        public long ServerErrors;
        public long ClientErrors;
    }

    public void Record(string route, int status, TimeSpan elapsed)
    {
        var entry = routes.GetOrAdd(route, _ => new RouteLatency());
        entry.Histogram.Record(elapsed);
        lifetime.GetOrAdd(route, _ => new LatencyHistogram()).Record(elapsed);
        if (status >= 500) Interlocked.Increment(ref entry.ServerErrors);
        else if (status >= 400) Interlocked.Increment(ref entry.ClientErrors);
    }

    /// <summary>Bucket counts of every request since the process started, per route (a bounded set: route templates).</summary>
    public IReadOnlyDictionary<string, long[]> LifetimeCounts() => lifetime.ToDictionary(r => r.Key, r => r.Value.Counts());

    /// <summary>Starts a new measuring period (requests in flight may land in either).</summary>
    public void Reset()
    {
        routes = new ConcurrentDictionary<string, RouteLatency>();
        since = DateTimeOffset.UtcNow;
    }

    public ParticipantApiLatencyReport Report()
    {
        var current = routes;
        var all = new LatencyHistogram();
        var byRoute = current.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r =>
        {
            var s = r.Value.Histogram.Summarise();
            return new RouteLatencyReport(r.Key, s.Count, Interlocked.Read(ref r.Value.ClientErrors), Interlocked.Read(ref r.Value.ServerErrors), s.MeanMs, s.P50Ms, s.P95Ms, s.P99Ms, s.MaxMs);
        }).ToList();
        var seconds = Math.Max(1e-3, (DateTimeOffset.UtcNow - since).TotalSeconds);
        return new ParticipantApiLatencyReport(since, Math.Round(seconds, 3), byRoute);
    }

    /// <summary>Requests that match no participant route with its own method: one bucket, whatever the method string.</summary>
    public const string OtherRoute = "(other)";

    /// <summary>
    /// Times every request under the participant API prefix, keyed by method and route template. The key comes
    /// only from the routes this app declares (method included), never from the request's own strings, so made-up
    /// methods or paths cannot grow the table: they share <see cref="OtherRoute"/>.
    /// </summary>
    public static async Task MeasureAsync(HttpContext http, Func<Task> next)
    {
        if (!http.Request.Path.StartsWithSegments(ParticipantApi.Prefix))
        {
            await next();
            return;
        }
        var started = Stopwatch.GetTimestamp();
        var status = 0;
        try
        {
            await next();
            status = http.Response.StatusCode;
        }
        catch
        {
            // The exception handler outside this middleware turns it into a 500.
            status = StatusCodes.Status500InternalServerError;
            throw;
        }
        finally
        {
            http.RequestServices.GetRequiredService<ParticipantApiLatency>()
                .Record(RouteKey(http), status, Stopwatch.GetElapsedTime(started));
        }
    }

    private static string RouteKey(HttpContext http)
    {
        if (http.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } route } endpoint
            && endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods is { } methods
            && methods.FirstOrDefault(m => string.Equals(m, http.Request.Method, StringComparison.OrdinalIgnoreCase)) is { } method)
        {
            return $"{method} {route}";
        }
        return OtherRoute;
    }
}

public sealed record RouteLatencyReport(string Route, long Count, long ClientErrors, long ServerErrors, double MeanMs, double P50Ms, double P95Ms, double P99Ms, double MaxMs);

public sealed record ParticipantApiLatencyReport(DateTimeOffset Since, double Seconds, IReadOnlyList<RouteLatencyReport> Routes);
