using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AligNet.Data.Startup;

/// <summary>
/// Checks, before a host starts serving, that the database is reachable and its schema is current.
/// Each failure becomes a <see cref="StartupException"/> whose message says what to do.
/// </summary>
public static class DatabaseReadiness
{
    public const string MigrateCommand = "dotnet run --project migrations/AligNet.Migrations";

    public static async Task EnsureReachableAsync(string connectionString, CancellationToken ct = default)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(ct);
        }
        catch (Exception ex) when (ex is NpgsqlException or SocketException or TimeoutException)
        {
            throw new StartupException(Explain(connectionString, ex), ex);
        }
    }

    /// <summary>Reachable and current: what every host checks before it starts serving.</summary>
    public static async Task EnsureReadyAsync(string connectionString, CancellationToken ct = default)
    {
        await EnsureReachableAsync(connectionString, ct);
        await using var db = AligNetDbContext.Create(connectionString);
        await EnsureSchemaCurrentAsync(db, ct);
    }

    /// <summary>Throws when migrations exist that the database has not applied.</summary>
    public static async Task EnsureSchemaCurrentAsync(AligNetDbContext db, CancellationToken ct = default)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count > 0)
        {
            throw new StartupException(
                $"The database schema is behind: {pending.Count} migration(s) not applied (first: {pending[0]}). " +
                $"Apply them with: {MigrateCommand}");
        }
    }

    public static string Explain(string connectionString, Exception ex)
    {
        var where = ConnectionStringValidator.Describe(connectionString);
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        return ex switch
        {
            PostgresException { SqlState: "28P01" or "28000" } =>
                $"PostgreSQL at {where} refused the login of user '{b.Username}'. Fix Username/Password in {DatabaseOptions.ConfigurationKey}.",
            PostgresException { SqlState: "3D000" } =>
                $"Database '{b.Database}' does not exist at {b.Host}:{b.Port}. Create it (deploy/db.sh start does) and apply the schema: {MigrateCommand}",
            PostgresException pg =>
                $"PostgreSQL at {where} answered with an error ({pg.SqlState}: {pg.MessageText}).",
            _ =>
                $"PostgreSQL at {where} is not reachable ({Innermost(ex).Message}). Start it with deploy/db.sh start, " +
                $"or fix Host/Port in {DatabaseOptions.ConfigurationKey}.",
        };
    }

    private static Exception Innermost(Exception ex)
    {
        while (ex.InnerException is not null) ex = ex.InnerException;
        return ex;
    }
}
