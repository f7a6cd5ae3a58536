using Microsoft.EntityFrameworkCore;
using AligNet.Data;
using AligNet.Migrations;
using Npgsql;

namespace AligNet.TestSupport;

/// <summary>
/// The real PostgreSQL for tests: ALIGNET_TEST_CONNECTION, else the private cluster of deploy/db.sh
/// (which the test command starts). Each fixture gets its own database, cloned in milliseconds from a template
/// that is migrated once per schema version, so tests never see each other's rows.
/// </summary>
public static class TestPostgres
{
    private const string TemplateName = "alignet_test_template";
    private const long TemplateLockKey = 0x416c69674e6574; // "AligNet": serialises template builds across test processes

    public static string ServerConnectionString => WithPassword(
        Environment.GetEnvironmentVariable("ALIGNET_TEST_CONNECTION") is { Length: > 0 } configured
            ? configured
            : "Host=127.0.0.1;Port=55432;Username=alignet;Database=postgres");

    /// <summary>deploy/db.sh requires a password over TCP and keeps it in .pgdata/alignet.password: used when the string has none.</summary>
    private static string WithPassword(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var file = Path.Combine(RepoPaths.Root, ".pgdata", "alignet.password");
        if (string.IsNullOrEmpty(builder.Password) && File.Exists(file)) builder.Password = File.ReadAllText(file).Trim();
        return builder.ConnectionString;
    }

    /// <summary>A fresh database; <paramref name="migrated"/> false gives an empty one (for pending-migration tests).</summary>
    public static async Task<TestDatabase> CreateDatabaseAsync(bool migrated = true)
    {
        var name = "alignet_t_" + Guid.NewGuid().ToString("N")[..16];
        await using var admin = await OpenAdminAsync();
        if (migrated)
        {
            await EnsureTemplateAsync(admin);
            await ExecuteAsync(admin, $"CREATE DATABASE {name} TEMPLATE {TemplateName}");
        }
        else
        {
            await ExecuteAsync(admin, $"CREATE DATABASE {name}");
        }
        return new TestDatabase(name, ConnectionStringFor(name));
    }

    public static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = database }.ConnectionString;

    internal static async Task DropAsync(string database)
    {
        await using var admin = await OpenAdminAsync();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege && attempt < 20)
            {
                // An autovacuum worker (a superuser process) in the database cannot be terminated by the test
                // role; it finishes within moments on these small databases.
                await Task.Delay(250);
            }
        }
    }

    private static async Task EnsureTemplateAsync(NpgsqlConnection admin)
    {
        await ExecuteAsync(admin, $"SELECT pg_advisory_lock({TemplateLockKey})");
        try
        {
            // Unpooled: a pooled connection to a template that gets dropped would come back broken from the pool.
            var template = new NpgsqlConnectionStringBuilder(ConnectionStringFor(TemplateName)) { Pooling = false }.ConnectionString;
            if (!await IsCurrentAsync(admin, template))
            {
                await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS {TemplateName} WITH (FORCE)");
                await ExecuteAsync(admin, $"CREATE DATABASE {TemplateName}");
                await MigrationRunner.RunAsync(template, TextWriter.Null);
            }
            // CREATE DATABASE … TEMPLATE fails while anyone is connected to the template, our own pool included.
            NpgsqlConnection.ClearAllPools();
        }
        finally
        {
            await ExecuteAsync(admin, $"SELECT pg_advisory_unlock({TemplateLockKey})");
        }
    }

    private static async Task<bool> IsCurrentAsync(NpgsqlConnection admin, string template)
    {
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", admin);
        exists.Parameters.AddWithValue("name", TemplateName);
        if (await exists.ExecuteScalarAsync() is null) return false;
        await using var db = AligNetDbContext.Create(template);
        return !(await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.GetPendingMigrationsAsync(db.Database)).Any();
    }

    private static async Task<NpgsqlConnection> OpenAdminAsync()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ServerConnectionString) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync();
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException)
        {
            throw new InvalidOperationException(
                "The test PostgreSQL is not reachable. Start it with deploy/db.sh start (deploy/test.sh does), " +
                "or set ALIGNET_TEST_CONNECTION. " + ex.Message, ex);
        }
        return connection;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>A database of one's own; dropped (connections forced closed) on dispose.</summary>
public sealed class TestDatabase(string name, string connectionString) : IAsyncDisposable
{
    public string Name { get; } = name;
    public string ConnectionString { get; } = connectionString;

    public AligNetDbContext CreateContext() => AligNetDbContext.Create(ConnectionString);

    /// <summary>For services that take a context factory, as they do under dependency injection.</summary>
    public IDbContextFactory<AligNetDbContext> ContextFactory() => new Contexts(this);

    private sealed class Contexts(TestDatabase database) : IDbContextFactory<AligNetDbContext>
    {
        public AligNetDbContext CreateDbContext() => database.CreateContext();
    }

    public ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        return new ValueTask(TestPostgres.DropAsync(Name));
    }
}
