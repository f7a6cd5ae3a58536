using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AligNet.Jobs;

/// <summary>The one Hangfire storage set-up, shared by the web tier (enqueues, dashboard) and the worker (runs).</summary>
public static class HangfireSetup
{
    public const string Schema = "hangfire";

    /// <param name="invisibilityTimeout">
    /// How long a job fetched by a worker that stopped heart-beating stays hidden before another worker takes it
    /// (default 30 min). Tests that kill workers set a few seconds (<c>Worker__InvisibilityTimeoutSeconds</c>).
    /// </param>
    public static IServiceCollection AddAligNetJobStorage(this IServiceCollection services, string connectionString, TimeSpan? invisibilityTimeout = null)
    {
        // The storage is this container's own singleton, registered before AddHangfire (which only adds one when none is
        // there, reading the process-wide JobStorage.Current): two containers in one process (test classes side by side)
        // would otherwise enqueue into whichever database was configured last.
        services.AddSingleton<JobStorage>(_ =>
        {
            var options = StorageOptions(invisibilityTimeout);
            return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
        });
        services.AddHangfire((provider, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseStorage(provider.GetRequiredService<JobStorage>()));
        services.AddTransient<RunLauncher>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddTransient<Schedules.ScheduleFirer>();
        services.AddTransient<Schedules.ScheduleEditor>();
        services.AddTransient<QueueLimits.QueueLimitEditor>();
        return services;
    }

    public static PostgreSqlStorageOptions StorageOptions(TimeSpan? invisibilityTimeout = null)
    {
        var options = new PostgreSqlStorageOptions
        {
            SchemaName = Schema,
            PrepareSchemaIfNecessary = true,
            // Training runs for longer than the invisibility timeout; a sliding timeout keeps a live job from being
            // handed to a second worker while it still runs (its worker renews it), and lets a dead worker's job go.
            UseSlidingInvisibilityTimeout = true,
            QueuePollInterval = TimeSpan.FromSeconds(1),
        };
        if (invisibilityTimeout is { } timeout) options.InvisibilityTimeout = timeout;
        return options;
    }
}
