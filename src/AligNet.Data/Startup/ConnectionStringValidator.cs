using Microsoft.Extensions.Configuration;
using Npgsql;

namespace AligNet.Data.Startup;

/// <summary>Turns a missing or malformed connection string into a message that names the fix.</summary>
public static class ConnectionStringValidator
{
    public static string Require(IConfiguration configuration) =>
        Validate(configuration.GetConnectionString(DatabaseOptions.ConnectionStringName));

    public static string Validate(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new StartupException(
                $"No database connection string is configured. Set the environment variable {DatabaseOptions.EnvironmentVariable} " +
                $"(or {DatabaseOptions.ConfigurationKey} in appsettings.json), e.g. \"{DatabaseOptions.Example}\". " +
                "For a private local PostgreSQL run: deploy/db.sh start");
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException)
        {
            throw new StartupException(
                $"The connection string {DatabaseOptions.ConfigurationKey} is malformed ({ex.Message}). " +
                $"Use key=value pairs separated by ';', e.g. \"{DatabaseOptions.Example}\".", ex);
        }

        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            throw new StartupException(
                $"The connection string {DatabaseOptions.ConfigurationKey} names no Host. Add Host=… and Port=…, e.g. \"{DatabaseOptions.Example}\".");
        }
        if (string.IsNullOrWhiteSpace(builder.Database))
        {
            throw new StartupException(
                $"The connection string {DatabaseOptions.ConfigurationKey} names no Database. Add Database=…, e.g. \"{DatabaseOptions.Example}\".");
        }
        return connectionString;
    }

    /// <summary>"host:port/database" for messages; never includes the password.</summary>
    public static string Describe(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{b.Host}:{b.Port}/{b.Database}";
    }
}
