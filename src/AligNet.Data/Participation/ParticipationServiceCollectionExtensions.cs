using Microsoft.Extensions.DependencyInjection;

namespace AligNet.Data.Participation;

public static class ParticipationServiceCollectionExtensions
{
    /// <summary>The participant services; the response hot path uses the process's NpgsqlDataSource (see AddAligNetData).</summary>
    public static IServiceCollection AddAligNetParticipation(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<StudyDesignCache>();
        services.AddSingleton<SessionStarter>();
        services.AddSingleton<SessionReader>();
        services.AddSingleton<SessionCompleter>();
        services.AddSingleton<ResponseWriteQueue>();
        services.AddSingleton<ResponseRecorder>();
        services.AddSingleton<RejectedResponseLog>();
        services.AddSingleton<AbandonedSessions>();
        return services;
    }
}
