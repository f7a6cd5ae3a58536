namespace AligNet.Web.Runs;

public static class RunsServiceCollectionExtensions
{
    /// <summary>Live run progress for the pages: the PostgreSQL listener and the in-process notifier.</summary>
    public static IServiceCollection AddRunProgress(this IServiceCollection services)
    {
        services.AddSingleton<RunChangeNotifier>();
        services.AddHostedService<RunChangeListener>();
        return services;
    }
}
