using System.Collections.Concurrent;
using System.Diagnostics;
using AligNet.Api.Contracts;
using Microsoft.AspNetCore.Diagnostics;

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
        if (status >= 500) Interlocked.Increment(ref entry.ServerErrors);
        else if (status >= 400) Interlocked.Increment(ref entry.ClientErrors);
    }

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

    /// <summary>Times every request under the participant API prefix, keyed by method and route template.</summary>
    public static async Task MeasureAsync(HttpContext http, Func<Task> next)
    {
        if (!http.Request.Path.StartsWithSegments(ParticipantApi.Prefix))
        {
            await next();
            return;
        }
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next();
        }
        finally
        {
            // After an exception the handler re-executes as /error: the failed request's own endpoint is kept in its feature.
            var endpoint = http.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? http.GetEndpoint();
            var route = (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
            http.RequestServices.GetRequiredService<ParticipantApiLatency>()
                .Record($"{http.Request.Method} {route}", http.Response.StatusCode, Stopwatch.GetElapsedTime(started));
        }
    }
}

public sealed record RouteLatencyReport(string Route, long Count, long ClientErrors, long ServerErrors, double MeanMs, double P50Ms, double P95Ms, double P99Ms, double MaxMs);

public sealed record ParticipantApiLatencyReport(DateTimeOffset Since, double Seconds, IReadOnlyList<RouteLatencyReport> Routes);
