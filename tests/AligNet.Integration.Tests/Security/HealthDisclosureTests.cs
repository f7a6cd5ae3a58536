using System.Net;
using AligNet.TestSupport;
using Npgsql;

namespace AligNet.Integration.Tests.Security;

/// <summary>/health is anonymous: when the database is gone it says so, without naming its host, port, user or name.</summary>
public class HealthDisclosureTests
{
    [Fact]
    public async Task With_the_database_gone_health_is_503_and_names_no_host_port_user_or_database()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await WebApp.StartAsync();
        using var client = app.CreateClient();
        using (var healthy = await client.GetAsync("/health", ct)) Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);

        await using (var admin = new NpgsqlConnection(TestPostgres.ServerConnectionString))
        {
            await admin.OpenAsync(ct);
            await using var drop = new NpgsqlCommand($"DROP DATABASE {app.Database.Name} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync(ct);
        }
        using var down = await client.GetAsync("/health", ct);
        var body = await down.Content.ReadAsStringAsync(ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.Contains("PostgreSQL does not answer", body);
        var connection = new NpgsqlConnectionStringBuilder(app.Database.ConnectionString);
        foreach (var secret in new[] { connection.Host!, $":{connection.Port}", $"{connection.Port}", connection.Username!, connection.Database! })
        {
            Assert.DoesNotContain(secret, body);
        }
        // The operator still gets the whole story, in the log.
        Assert.Contains(connection.Database!, app.Process.Output);
    }
}
