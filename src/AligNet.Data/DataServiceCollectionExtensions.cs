using AligNet.Data.Startup;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AligNet.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="AligNetDbContext"/> both as a scoped service (Identity, request handlers) and as a
    /// factory (interactive components and jobs take one short-lived context per operation).
    /// </summary>
    public static IServiceCollection AddAligNetData(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = ConnectionStringValidator.Require(configuration);
        services.AddDbContext<AligNetDbContext>(o => Configure(o, connectionString), optionsLifetime: ServiceLifetime.Singleton);
        services.AddDbContextFactory<AligNetDbContext>(o => Configure(o, connectionString));
        return services;
    }

    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql
            .MigrationsAssembly(AligNetDbContext.MigrationsAssembly)
            .MigrationsHistoryTable("__ef_migrations_history", AligNetDbContext.Schema));
}
