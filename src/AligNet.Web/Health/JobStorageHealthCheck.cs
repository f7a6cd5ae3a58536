using AligNet.Jobs;
using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AligNet.Web.Health;

/// <summary>Hangfire's storage answers; reports how many servers (and GPU-queue workers) are alive as data.</summary>
public sealed class JobStorageHealthCheck(JobStorage storage, ILogger<JobStorageHealthCheck> logger) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            var servers = storage.GetMonitoringApi().Servers();
            var data = new Dictionary<string, object>
            {
                ["servers"] = servers.Count,
                ["gpuWorkers"] = servers.Count(s => s.Queues.Contains(JobQueues.Gpu)),
            };
            return Task.FromResult(HealthCheckResult.Healthy("Hangfire storage answers.", data));
        }
        catch (Exception ex)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy(HealthDetails.Logged(logger, "job-storage", "Hangfire storage is not reachable.", ex.Message, ex)));
        }
    }
}
