using System.Net;
using System.Net.Sockets;
using AligNet.TestSupport;

namespace AligNet.Integration.Tests;

/// <summary>
/// The real programs, started as an operator would, stop on a bad configuration with exit code 2 and one
/// message that names the fix — never a stack trace.
/// </summary>
public class HostStartupTests
{
    private static readonly TimeSpan ExitTimeout = WebApp.StartTimeout;

    [Fact]
    public async Task Web_without_a_connection_string_says_which_setting_to_set()
    {
        var (code, output) = await RunWebAsync(connectionString: null);

        Assert.Equal(2, code);
        Assert.Contains("AligNet.Web cannot start: No database connection string", output);
        Assert.Contains("ConnectionStrings__AligNet", output);
        AssertNoStackTrace(output);
    }

    [Fact]
    public async Task Web_with_a_malformed_connection_string_shows_the_expected_form()
    {
        var (code, output) = await RunWebAsync("Host=127.0.0.1;Port=banana");

        Assert.Equal(2, code);
        Assert.Contains("malformed", output);
        AssertNoStackTrace(output);
    }

    [Fact]
    public async Task Web_with_its_database_down_says_how_to_start_it()
    {
        var (code, output) = await RunWebAsync($"Host=127.0.0.1;Port={HostProcess.FreePort()};Database=alignet;Username=alignet;Timeout=3");

        Assert.Equal(2, code);
        Assert.Contains("is not reachable", output);
        Assert.Contains("deploy/db.sh start", output);
        AssertNoStackTrace(output);
    }

    [Fact]
    public async Task Web_on_an_unmigrated_database_says_how_to_apply_the_migrations()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync(migrated: false);

        var (code, output) = await RunWebAsync(database.ConnectionString);

        Assert.Equal(2, code);
        Assert.Contains("dotnet run --project migrations/AligNet.Migrations", output);
        AssertNoStackTrace(output);
    }

    [Fact]
    public async Task Web_on_a_port_in_use_names_the_port_and_how_to_choose_another()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync();
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;

        var (code, output) = await RunWebAsync(database.ConnectionString, "--urls", $"http://127.0.0.1:{port}");

        Assert.Equal(2, code);
        Assert.Contains($"127.0.0.1:{port} is already in use", output);
        Assert.Contains("--urls", output);
        AssertNoStackTrace(output);
    }

    [Fact]
    public async Task Worker_without_a_connection_string_stops_with_the_same_clear_message()
    {
        await using var worker = HostProcess.Start("AligNet.Worker", "AligNet.Worker.dll", new Dictionary<string, string?>());

        Assert.Equal(2, await worker.WaitForExitAsync(ExitTimeout));
        Assert.Contains("AligNet.Worker cannot start: No database connection string", worker.Output);
        AssertNoStackTrace(worker.Output);
    }

    private static async Task<(int Code, string Output)> RunWebAsync(string? connectionString, params string[] args)
    {
        var environment = new Dictionary<string, string?> { ["Admin__Password"] = WebApp.AdminPassword };
        if (connectionString is not null) environment["ConnectionStrings__AligNet"] = connectionString;
        var arguments = args.Length > 0 ? args : ["--urls", $"http://127.0.0.1:{HostProcess.FreePort()}"];
        await using var web = HostProcess.Start("AligNet.Web", "AligNet.Web.dll", environment, arguments);
        var code = await web.WaitForExitAsync(ExitTimeout);
        return (code, web.Output);
    }

    private static void AssertNoStackTrace(string output)
    {
        Assert.DoesNotContain("   at ", output);
        Assert.DoesNotContain("Exception:", output);
    }
}
