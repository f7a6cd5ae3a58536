using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace AligNet.Data.Participation;

public static class ParticipationServiceCollectionExtensions
{
    /// <summary>The participant services; the response hot path uses the process's NpgsqlDataSource (see AddAligNetData).</summary>
    public static IServiceCollection AddAligNetParticipation(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<StudyDesignCache>();
        services.AddSingleton<SessionStarter>();
        services.TryAddSingleton<IAdaptiveQueueMonitor, IgnoreLowQueues>();
        services.AddSingleton(sp => new TrialPlanner(sp.GetRequiredService<StudyDesignCache>(), sp.GetRequiredService<IAdaptiveQueueMonitor>(),
            sp.GetService<IConfiguration>()?.GetValue(TrialPlanner.LowWaterSetting, TrialPlanner.DefaultLowWater) ?? TrialPlanner.DefaultLowWater));
        services.AddSingleton<SessionReader>();
        services.AddSingleton<SessionCompleter>();
        services.AddSingleton(sp => new ResponseWriteQueue(sp.GetRequiredService<NpgsqlDataSource>(),
            sp.GetRequiredService<IConfiguration>().GetValue(ResponseWriteQueue.WritersSetting, ResponseWriteQueue.DefaultWriters)));
        services.AddSingleton<ResponseRecorder>();
        services.AddSingleton<RejectedResponseLog>();
        services.AddSingleton<AbandonedSessions>();
        return services;
    }
}
