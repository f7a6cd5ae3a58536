using System.CommandLine;
using AligNet.Cli.Commands;
using AligNet.Data.Startup;

namespace AligNet.Cli;

internal static class Program
{
    public static Task<int> Main(string[] args)
    {
        var root = new RootCommand("AligNet.Web command line: the platform's operations from a shell.")
        {
            MigrateCommand.Create(),
            DeviceCommand.Create(),
            SeedDemoCommand.Create(),
            UsersCommand.Create(),
            EvalCommand.Create(),
            EvaluateCommand.Create(),
            TeacherCommand.Create(),
            ExportCommand.Create(),
            ImportCommand.Create(),
            EmbedCommand.Create(),
            BotsCommand.Create(),
            GenerateCommand.Create(),
            StudentCommand.Create(),
            SimulateCommand.Create(),
            EmojiCommand.Create(),
            FeaturesCommand.Create(),
            DashboardsCommand.Create(),
        };
        return StartupGuard.RunAsync("alignet", () => root.Parse(args).InvokeAsync());
    }
}
