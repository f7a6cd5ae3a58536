using AligNet.Data.Startup;
using AligNet.TestSupport;
using Npgsql;

namespace AligNet.Integration.Tests;

/// <summary>Each way the database can be misconfigured ends in one message that names the fix.</summary>
public class ConnectionProblemTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_missing_connection_string_names_the_setting_and_the_local_database_script(string? value)
    {
        var error = Assert.Throws<StartupException>(() => ConnectionStringValidator.Validate(value));

        Assert.Contains("ConnectionStrings__AligNet", error.Message);
        Assert.Contains("deploy/db.sh start", error.Message);
    }

    [Theory]
    [InlineData("this is not a connection string")]
    [InlineData("Host=127.0.0.1;Port=notaport;Database=x")]
    [InlineData("Port=5432;Database=x")]
    [InlineData("Host=127.0.0.1;Port=5432")]
    public void A_malformed_connection_string_is_explained_with_an_example(string value)
    {
        var error = Assert.Throws<StartupException>(() => ConnectionStringValidator.Validate(value));

        Assert.Contains("ConnectionStrings:AligNet", error.Message);
        Assert.Contains("Host=127.0.0.1;Port=55432", error.Message);
    }

    [Fact]
    public async Task A_database_that_is_down_is_reported_as_not_reachable_with_how_to_start_it()
    {
        var nothingListens = $"Host=127.0.0.1;Port={HostProcess.FreePort()};Database=alignet;Username=alignet;Timeout=3";

        var error = await Assert.ThrowsAsync<StartupException>(() => DatabaseReadiness.EnsureReachableAsync(nothingListens, TestContext.Current.CancellationToken));

        Assert.Contains("not reachable", error.Message);
        Assert.Contains("deploy/db.sh start", error.Message);
    }

    [Fact]
    public async Task A_database_that_does_not_exist_is_named()
    {
        var missing = new NpgsqlConnectionStringBuilder(TestPostgres.ServerConnectionString) { Database = "no_such_database_here" }.ConnectionString;

        var error = await Assert.ThrowsAsync<StartupException>(() => DatabaseReadiness.EnsureReachableAsync(missing, TestContext.Current.CancellationToken));

        Assert.Contains("'no_such_database_here' does not exist", error.Message);
    }
}
