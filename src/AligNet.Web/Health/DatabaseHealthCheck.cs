using AligNet.Data;
using AligNet.Data.Startup;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AligNet.Web.Health;

public sealed class DatabaseHealthCheck(IDbContextFactory<AligNetDbContext> contexts, IConfiguration configuration, ILogger<DatabaseHealthCheck> logger) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            await db.Database.ExecuteSqlRawAsync("SELECT 1", ct);
            return HealthCheckResult.Healthy("PostgreSQL answers.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy(HealthDetails.Logged(logger, "database", "PostgreSQL does not answer.",
                DatabaseReadiness.Explain(ConnectionStringValidator.Require(configuration), ex), ex));
        }
    }
}
