using AligNet.Data.Participation;
using AligNet.Web.Hosting;
using Microsoft.Extensions.Options;

namespace AligNet.Web.Participants;

/// <summary>
/// Runs <see cref="AbandonedSessions"/> in the web host every <see cref="AbandonedSessionOptions.Every"/>. Safe with
/// several web instances: the delete is one idempotent statement per table.
/// </summary>
public sealed class AbandonedSessionSweeper(AbandonedSessions sessions, IOptions<AbandonedSessionOptions> options, ILogger<AbandonedSessionSweeper> log)
    : PeriodicWork(log)
{
    protected override TimeSpan Interval => options.Value.Every;

    protected override string What => "Sweeping abandoned sessions";

    protected override Task RunOnceAsync(CancellationToken ct) => sessions.DeleteAsync(options.Value.After, ct);
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
