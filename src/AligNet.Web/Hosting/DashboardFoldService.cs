using AligNet.Data.Dashboards;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AligNet.Web.Hosting;

/// <summary>Configuration section <c>Dashboards</c>.</summary>
public sealed class DashboardFoldOptions
{
    public const string Section = "Dashboards";

    /// <summary>
    /// How often the web host folds new responses into the dashboard aggregates (default every minute). The pages are
    /// exact whatever this is (they add the tail since the last fold); it bounds how much tail they read.
    /// </summary>
    public TimeSpan FoldEvery { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Runs <see cref="DashboardFold"/> in the web host every <see cref="DashboardFoldOptions.FoldEvery"/> (ADR-024). Safe
/// with several web instances: one folds at a time, the others skip that tick.
/// </summary>
public sealed class DashboardFoldService(DashboardFold fold, IOptions<DashboardFoldOptions> options, ILogger<DashboardFoldService> log)
    : PeriodicWork(log)
{
    protected override TimeSpan Interval => options.Value.FoldEvery;

    // Each chunk is one transaction, so a failed round leaves nothing half-written.
    protected override string What => "Folding the dashboard aggregates";

    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        var result = await fold.FoldAsync(ct);
        if (result.Chunks > 1) log.LogInformation("Dashboard aggregates: folded {Chunks} chunks up to {Watermark:o}.", result.Chunks, result.FoldedBefore);
    }
}

public static class DashboardFoldSetup
{
    public static IServiceCollection AddDashboardFold(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DashboardFoldOptions>().Bind(configuration.GetSection(DashboardFoldOptions.Section))
            .Validate(o => o.FoldEvery > TimeSpan.Zero, $"{DashboardFoldOptions.Section}:FoldEvery must be positive (e.g. 00:01:00).")
            .ValidateOnStart();
        services.AddSingleton(sp => new DashboardFold(sp.GetRequiredService<NpgsqlDataSource>()));
        return services.AddHostedService<DashboardFoldService>();
    }
}
