using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace AligNet.Cli.Bots;

/// <summary>
/// The one HttpClient all bots share: a connection per participant (a browser keeps its own), Polly retries with
/// exponential back-off and jitter on transient failures (connection errors, timeouts, 408, 429 with Retry-After,
/// 5xx), and a per-attempt timeout. Retrying a POST is safe here: a response carries its client-made id and the
/// server stores each id once. Every attempt's latency and status is recorded below the retries.
/// </summary>
public static class BotHttp
{
    public static readonly HttpRequestOptionsKey<string> Kind = new("alignet.kind");

    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(15);

    public static HttpClient Create(Uri baseAddress, int connections, ClientStats stats)
    {
        var sockets = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Math.Max(1, connections),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
        };
        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = 8,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(200),
                MaxDelay = TimeSpan.FromSeconds(5),
                OnRetry = _ => { stats.RecordRetry(); return default; },
            })
            .AddTimeout(AttemptTimeout)
            .Build();
        var handler = new ResilienceHandler(pipeline) { InnerHandler = new MeasuringHandler(stats) { InnerHandler = sockets } };
        return new HttpClient(handler) { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Times one attempt, from sending to the response headers and body being read.</summary>
    private sealed class MeasuringHandler(ClientStats stats) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var kind = request.Options.TryGetValue(Kind, out var k) ? k : "other";
            var started = Stopwatch.GetTimestamp();
            try
            {
                var response = await base.SendAsync(request, ct);
                await response.Content.LoadIntoBufferAsync(ct);
                stats.RecordAttempt(kind, Stopwatch.GetElapsedTime(started).TotalMilliseconds, (int)response.StatusCode);
                return response;
            }
            catch (OperationCanceledException)
            {
                stats.RecordAttempt(kind, Stopwatch.GetElapsedTime(started).TotalMilliseconds, null);
                stats.RecordError("timeout or end of run");
                throw;
            }
            catch (HttpRequestException ex)
            {
                stats.RecordAttempt(kind, Stopwatch.GetElapsedTime(started).TotalMilliseconds, null);
                stats.RecordError("connection: " + (ex.HttpRequestError.ToString()));
                throw;
            }
        }
    }
}
