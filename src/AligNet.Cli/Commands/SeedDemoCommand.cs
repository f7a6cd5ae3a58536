using System.CommandLine;
using AligNet.Data;
using AligNet.Data.Seeding;
using AligNet.Data.Stimuli;
using Microsoft.Extensions.Configuration;

namespace AligNet.Cli.Commands;

internal static class SeedDemoCommand
{
    public static Command Create()
    {
        var source = new Option<string>("--source")
        {
            Description = "Folder of demo photographs (Debian's tuxpaint-stamps-default).",
            DefaultValueFactory = _ => DemoStimulusSource.DefaultRoot,
        };
        var command = new Command("seed-demo", "Seed the demo stimulus set and an open demo study (idempotent).") { source };
        command.SetAction(async (parse, ct) =>
        {
            var configuration = CliConfiguration.Build();
            var stimulusRoot = AligNet.Data.Startup.StorageRoots.Validate(configuration, required: false).Stimuli;
            await using var db = AligNetDbContext.Create(CliConfiguration.ConnectionString());
            var result = await new DemoSeeder(db, stimulusRoot).SeedAsync(parse.GetValue(source)!, ct);
            Console.WriteLine(result.Message);
            return result.Stimuli > 0 ? 0 : 1;
        });
        return command;
    }
}
