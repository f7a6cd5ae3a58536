using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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
        services.AddSingleton<TrialPlanner>();
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
