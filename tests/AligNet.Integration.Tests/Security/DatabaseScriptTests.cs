using Npgsql;

namespace AligNet.Integration.Tests.Security;

/// <summary>deploy/db.sh on a fresh folder: TCP logins need the generated password, kept owner-only.</summary>
public class DatabaseScriptTests
{
    [Fact]
    public async Task A_fresh_cluster_refuses_logins_without_the_generated_password_and_accepts_its_url()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await ScratchCluster.StartAsync();
        var url = await cluster.UrlAsync();
        var withoutPassword = new NpgsqlConnectionStringBuilder(url) { Password = null }.ConnectionString;
        var wrongPassword = new NpgsqlConnectionStringBuilder(url) { Password = "not-the-password" }.ConnectionString;
        var superuser = new NpgsqlConnectionStringBuilder(url) { Username = "postgres", Password = null }.ConnectionString;

        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(cluster.PasswordFile));
        Assert.Contains("Password=" + (await File.ReadAllTextAsync(cluster.PasswordFile, ct)).Trim(), url);
        foreach (var refused in new[] { withoutPassword, wrongPassword, superuser })
        {
            await using var connection = new NpgsqlConnection(refused);
            await Assert.ThrowsAnyAsync<NpgsqlException>(() => connection.OpenAsync(ct));
        }
        await using (var wrong = new NpgsqlConnection(wrongPassword))
        {
            var error = await Assert.ThrowsAsync<PostgresException>(() => wrong.OpenAsync(ct));
            Assert.Equal(PostgresErrorCodes.InvalidPassword, error.SqlState);
        }
        await using var ok = new NpgsqlConnection(url);
        await ok.OpenAsync(ct);
        await using var method = new NpgsqlCommand("SELECT rolpassword LIKE 'SCRAM-SHA-256$%' FROM pg_authid WHERE rolname = 'alignet'", ok);
        // pg_authid is superuser-only: the application role cannot even read how its password is stored.
        await Assert.ThrowsAsync<PostgresException>(() => method.ExecuteScalarAsync(ct));

        // A second start (as on every deploy/run.sh) keeps the same password.
        Assert.Equal(0, (await cluster.RunAsync("deploy/db.sh", "start")).Code);
        Assert.Equal(url, await cluster.UrlAsync());
    }
}
