using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AligNet.Jobs.Schedules;

/// <summary>Checks the schedules every <see cref="Interval"/> in each worker; firing is idempotent across workers.</summary>
public sealed class ScheduleService(IServiceProvider services, TimeProvider clock, ILogger<ScheduleService> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                var launched = await services.GetRequiredService<ScheduleFirer>().FireDueAsync(stoppingToken);
                if (launched.Count > 0) logger.LogInformation("Schedules launched {Count} pipeline run(s)", launched.Count);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Checking the schedules failed; trying again in {Interval}", Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

public static class ScheduleServiceCollectionExtensions
{
    /// <summary>For the worker: fire due schedules. The web tier registers <see cref="ScheduleFirer"/> only (run now).</summary>
    public static IServiceCollection AddScheduleFiring(this IServiceCollection services)
    {
        services.AddHostedService<ScheduleService>();
        return services;
    }
}
