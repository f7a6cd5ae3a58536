using AligNet.Web.Accounts;

namespace AligNet.Web.Diagnostics;

/// <summary>
/// <c>GET /api/metrics/participant-api</c>: count, client/server errors and p50/p95/p99/max latency per participant
/// API route; <c>POST /api/metrics/participant-api/reset</c> starts a new period. Staff only.
/// </summary>
public static class MetricsEndpoints
{
    public const string ParticipantApiRoute = "/api/metrics/participant-api";

    /// <summary>The in-process histogram, and its per-minute snapshots to the database for the dashboards.</summary>
    public static IServiceCollection AddParticipantApiMetrics(this IServiceCollection services) =>
        services.AddSingleton<ParticipantApiLatency>()
            .AddSingleton<ApiLatencySnapshots>()
            .AddHostedService(sp => sp.GetRequiredService<ApiLatencySnapshots>());

    /// <summary>
    /// Right after the rate limiter, so requests it refuses cost nothing here (an anonymous flood cannot make the
    /// recorder work or grow); the time includes authentication and the endpoint.
    /// </summary>
    public static void UseParticipantApiMetrics(this IApplicationBuilder app) =>
        app.Use((http, next) => ParticipantApiLatency.MeasureAsync(http, () => next(http)));

    public static void MapMetricsEndpoints(this IEndpointRouteBuilder app)
    {
        var metrics = app.MapGroup(ParticipantApiRoute).RequireAuthorization(AccountSetup.StaffPolicy);
        metrics.MapGet("", (ParticipantApiLatency latency) => Results.Json(latency.Report()));
        metrics.MapPost("/reset", (ParticipantApiLatency latency) =>
        {
            latency.Reset();
            return Results.NoContent();
        });
    }
}
