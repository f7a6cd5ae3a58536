using System.CommandLine;
using AligNet.Migrations;

namespace AligNet.Cli.Commands;

internal static class MigrateCommand
{
    public static Command Create()
    {
        var command = new Command("migrate", "Apply every pending database migration (ConnectionStrings__AligNet) and exit.");
        command.SetAction((_, ct) => MigrationRunner.RunAsync(CliConfiguration.ConnectionString(), Console.Out, ct));
        return command;
    }
}
