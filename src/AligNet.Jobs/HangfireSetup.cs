using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.DependencyInjection;

namespace AligNet.Jobs;

/// <summary>The one Hangfire storage set-up, shared by the web tier (enqueues, dashboard) and the worker (runs).</summary>
public static class HangfireSetup
{
    public const string Schema = "hangfire";

    public static IServiceCollection AddAligNetJobStorage(this IServiceCollection services, string connectionString)
    {
        services.AddHangfire(config => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(o => o.UseNpgsqlConnection(connectionString), StorageOptions()));
        return services;
    }

    public static PostgreSqlStorageOptions StorageOptions() => new()
    {
        SchemaName = Schema,
        PrepareSchemaIfNecessary = true,
        // Training runs for longer than the 30-minute invisibility timeout; a sliding timeout keeps a live job
        // from being handed to a second worker while it still runs.
        UseSlidingInvisibilityTimeout = true,
        QueuePollInterval = TimeSpan.FromSeconds(1),
    };
}
