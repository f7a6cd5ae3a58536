using AligNet.Data.Audit;
using AligNet.Data.Startup;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

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
        // One connection pool per process, shared by EF Core and the hand-written hot paths (participant
        // responses): two pools would each grow to their maximum and together exceed the server's connections.
        services.AddSingleton(_ => CreateDataSource(connectionString));
        services.AddDbContext<AligNetDbContext>((sp, o) => Configure(o, sp.GetRequiredService<NpgsqlDataSource>()), optionsLifetime: ServiceLifetime.Singleton);
        services.AddDbContextFactory<AligNetDbContext>((sp, o) => Configure(o, sp.GetRequiredService<NpgsqlDataSource>()));
        services.AddSingleton<AuditTrail>();
        return services;
    }

    /// <summary>
    /// The process's data source. Statements used again and again (the participant API's, EF Core's) are prepared
    /// automatically, so PostgreSQL parses and plans them once per connection instead of on every request;
    /// a connection string that sets Max Auto Prepare itself wins.
    /// </summary>
    public static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase)) settings.MaxAutoPrepare = 64;
        return NpgsqlDataSource.Create(settings.ConnectionString);
    }

    public static void Configure(DbContextOptionsBuilder options, NpgsqlDataSource dataSource) =>
        options.UseNpgsql(dataSource, npgsql => npgsql
            .MigrationsAssembly(AligNetDbContext.MigrationsAssembly)
            .MigrationsHistoryTable("__ef_migrations_history", AligNetDbContext.Schema));

    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql
            .MigrationsAssembly(AligNetDbContext.MigrationsAssembly)
            .MigrationsHistoryTable("__ef_migrations_history", AligNetDbContext.Schema));
}
