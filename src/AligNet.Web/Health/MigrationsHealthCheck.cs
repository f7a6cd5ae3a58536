using AligNet.Data;
using AligNet.Data.Startup;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AligNet.Web.Health;

public sealed class MigrationsHealthCheck(IDbContextFactory<AligNetDbContext> contexts, ILogger<MigrationsHealthCheck> logger) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            var applied = (await db.Database.GetAppliedMigrationsAsync(ct)).ToList();
            var data = new Dictionary<string, object> { ["applied"] = applied.Count, ["pending"] = pending.Count };
            return pending.Count == 0
                ? HealthCheckResult.Healthy($"Schema current ({applied.LastOrDefault() ?? "none"}).", data)
                : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) pending. Apply them: {DatabaseReadiness.MigrateCommand}", data: data);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy(HealthDetails.Logged(logger, "migrations", "Could not read the migration history.", ex.Message, ex));
        }
    }
}
