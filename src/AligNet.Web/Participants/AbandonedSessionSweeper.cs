using AligNet.Data.Participation;
using Microsoft.Extensions.Options;

namespace AligNet.Web.Participants;

/// <summary>
/// Runs <see cref="AbandonedSessions"/> in the web host every <see cref="AbandonedSessionOptions.Every"/>. Safe with
/// several web instances: the delete is one idempotent statement per table.
/// </summary>
public sealed class AbandonedSessionSweeper(AbandonedSessions sessions, IOptions<AbandonedSessionOptions> options, ILogger<AbandonedSessionSweeper> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Every);
        do
        {
            try
            {
                await sessions.DeleteAsync(options.Value.After, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be down for a moment; the next tick tries again.
                log.LogWarning(e, "Sweeping abandoned sessions failed; retrying in {Every}.", options.Value.Every);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

public static class AbandonedSessionSweeperSetup
{
    public static IServiceCollection AddAbandonedSessionSweeper(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AbandonedSessionOptions>().Bind(configuration.GetSection(AbandonedSessionOptions.Section))
            .Validate(o => o.After > TimeSpan.Zero && o.Every > TimeSpan.Zero, $"{AbandonedSessionOptions.Section}: After and Every must be positive (e.g. 1.00:00:00, 00:10:00).")
            .ValidateOnStart();
        return services.AddHostedService<AbandonedSessionSweeper>();
    }
}
