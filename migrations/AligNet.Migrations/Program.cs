using AligNet.Data.Startup;
using Microsoft.Extensions.Configuration;

namespace AligNet.Migrations;

/// <summary>
/// Applies every pending migration to the configured database and exits: 0 on success, 2 on a problem the
/// operator can fix (the message says how). An explicit internal class, not top-level statements, so that the
/// hosts that reference this project do not see a second public <c>Program</c>.
/// </summary>
internal static class Program
{
    public static Task<int> Main(string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .Build();

        return StartupGuard.RunAsync("AligNet.Migrations",
            () => MigrationRunner.RunAsync(ConnectionStringValidator.Require(configuration), Console.Out));
    }
}
