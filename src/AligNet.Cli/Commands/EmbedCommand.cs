using System.CommandLine;
using AligNet.Data;
using AligNet.Data.Imports;
using AligNet.Data.Stimuli;
using AligNet.Pipelines.Embeddings;
using Microsoft.Extensions.Configuration;

namespace AligNet.Cli.Commands;

/// <summary><c>alignet embed</c>: the pretrained ResNet18's features for every image of a stimulus set, stored in the database.</summary>
internal static class EmbedCommand
{
    public static Command Create()
    {
        var set = new Option<string>("--set") { Description = "Stimulus set id or name.", Required = true };
        var missingOnly = new Option<bool>("--missing-only") { Description = "Do nothing when every image already has a vector of this ResNet18 version." };
        var command = new Command("embed", "Compute ResNet18 embeddings (512-d) for every image of a stimulus set (CUDA when present, else CPU).") { set, missingOnly };
        command.SetAction((parse, ct) => CliErrors.GuardAsync(async () =>
        {
            var stimulusRoot = AligNet.Data.Startup.StorageRoots.Validate(CliConfiguration.Build(), required: false).Stimuli;
            await using var db = AligNetDbContext.Create(CliConfiguration.ConnectionString());
            var setId = await StimulusSets.ResolveAsync(db, parse.GetValue(set)!, ct);
            var pipeline = new StimulusEmbeddingPipeline(db, stimulusRoot);
            if (parse.GetValue(missingOnly) && await pipeline.IsCompleteAsync(setId, ct))
            {
                Console.WriteLine("Every image already has its ResNet18 embedding.");
                return 0;
            }
            var progress = new Progress<(int Done, int Total)>(p => Console.Error.WriteLine($"embedded {p.Done}/{p.Total}"));
            var result = await pipeline.ComputeResNet18Async(setId, progress, ct);
            Console.WriteLine($"Embedded {result.Embedded} stimuli with {result.Model} {result.Version} on {result.Device} in {result.Elapsed.TotalSeconds:F1} s ({result.Embedded / result.Elapsed.TotalSeconds:F1} images/s).");
            return 0;
        }));
        return command;
    }
}
