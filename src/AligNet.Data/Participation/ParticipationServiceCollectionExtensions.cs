using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AligNet.Data.Participation;

public static class ParticipationServiceCollectionExtensions
{
    /// <summary>The participant services; the response hot path talks to PostgreSQL through its own pooled data source.</summary>
    public static IServiceCollection AddAligNetParticipation(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<StudyDesignCache>();
        services.AddSingleton<SessionStarter>();
        services.AddSingleton<SessionReader>();
        services.AddSingleton<SessionCompleter>();
        services.AddSingleton<ResponseRecorder>();
        return services;
    }
}
