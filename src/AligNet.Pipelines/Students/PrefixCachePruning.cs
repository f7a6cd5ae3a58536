using AligNet.Data.Startup;
using AligNet.Ml.Students.Images;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AligNet.Pipelines.Students;

/// <summary>
/// The disk budget of the shared frozen-prefix cache (<c>{Artifacts}/students/prefix-cache</c>) and how often the
/// worker prunes it besides after every image-student run. Settings: <c>Students__PrefixCache__BudgetMegabytes</c>
/// (default 4096: ≈ 20,000 layer4 prefixes of 200 KB) and <c>Students__PrefixCache__SweepMinutes</c> (default 60; 0 = only
/// after runs).
/// </summary>
public sealed record PrefixCacheSettings(long BudgetBytes, TimeSpan? SweepInterval)
{
    public const string Section = "Students:PrefixCache";
    public const long DefaultBudgetMegabytes = 4096;
    public static readonly PrefixCacheSettings Default = new(DefaultBudgetMegabytes << 20, TimeSpan.FromMinutes(60));

    public static PrefixCacheSettings Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var megabytes = Number(section, "BudgetMegabytes", DefaultBudgetMegabytes,
            "the disk budget of the image students' prefix cache in MB, e.g. Students__PrefixCache__BudgetMegabytes=4096 (0 keeps nothing between runs)");
        var minutes = Number(section, "SweepMinutes", 60, "how often the worker prunes the cache, e.g. Students__PrefixCache__SweepMinutes=60 (0 = only after each run)");
        return new(megabytes << 20, minutes == 0 ? null : TimeSpan.FromMinutes(minutes));
    }

    private static long Number(IConfigurationSection section, string key, long fallback, string meaning)
    {
        var text = section[key];
        if (text is null) return fallback;
        return long.TryParse(text, out var value) && value >= 0 && value <= 1L << 40 ? value
            : throw new StartupException($"{Section}:{key} is '{text}'; give a whole number of 0 or more: {meaning}.");
    }

    public static string Folder(string artifactRoot) => Path.Combine(artifactRoot, StudentTrainingPipeline.PrefixCacheFolder);
}

/// <summary>Prunes the prefix cache every <see cref="PrefixCacheSettings.SweepInterval"/> in each worker (safe alongside running trainings and other workers).</summary>
public sealed class PrefixCacheSweeper(PrefixCacheSettings settings, StorageRoots roots, TimeProvider clock, ILogger<PrefixCacheSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (settings.SweepInterval is not { } interval) return;
        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            try
            {
                var report = PrefixCacheFiles.Prune(PrefixCacheSettings.Folder(roots.Artifacts), settings.BudgetBytes);
                if (report.Removed + report.StaleTemporaries > 0)
                    logger.LogInformation("Prefix cache pruned: {Removed} of {Entries} entries removed, {After} bytes kept ({InUse} in use)",
                        report.Removed, report.Entries, report.BytesAfter, report.InUse);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                logger.LogWarning(ex, "Pruning the prefix cache failed; trying again in {Interval}", interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

public static class PrefixCachePruningServiceCollectionExtensions
{
    public static IServiceCollection AddPrefixCachePruning(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(PrefixCacheSettings.Read(configuration));
        services.AddHostedService<PrefixCacheSweeper>();
        return services;
    }
}
