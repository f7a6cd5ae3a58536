using System.CommandLine;
using AligNet.Data;
using AligNet.Data.Imports;
using AligNet.Data.Stimuli;
using AligNet.Data.Studies;
using AligNet.Evaluation.Embeddings;
using AligNet.Evaluation.Triplets;
using Microsoft.Extensions.Configuration;

namespace AligNet.Cli.Commands;

/// <summary><c>alignet import stimuli|concepts|embeddings|triplets|trial-lists</c>: bring research data in, all or nothing.</summary>
internal static class ImportCommand
{
    public static Command Create() => new("import", "Import stimulus sets, embeddings and human triplets.")
    {
        Stimuli(), Concepts(), Embeddings(), Triplets(), TrialLists(),
    };

    private static Command TrialLists()
    {
        var study = new Option<Guid>("--study") { Description = "Id of the study (design FixedLists is set by the import).", Required = true };
        var files = new Argument<FileInfo[]>("FILE") { Description = "CSV files in the Levels format: id,image1,image2,image3,trial[,triplet_class][,catch].", Arity = ArgumentArity.OneOrMore };
        var command = new Command("trial-lists", "Import fixed per-participant trial lists onto a study, replacing its previous lists.") { study, files };
        command.SetAction((parse, ct) => CliErrors.GuardAsync(async () =>
        {
            await using var db = AligNetDbContext.Create(CliConfiguration.ConnectionString());
            var paths = parse.GetValue(files)!.Select(f => f.FullName).ToList();
            var result = await new FixedTrialListImporter(db).ImportAsync(parse.GetValue(study), paths, ct);
            Console.WriteLine($"Imported {result.Lists} lists × {result.TrialsPerList} trials.");
            return 0;
        }));
        return command;
    }

    private static Command Concepts()
    {
        var name = new Option<string>("--name") { Description = "Name of the new stimulus set.", Required = true };
        var labels = new Option<FileInfo>("--labels") { Description = "One concept label per line; line t becomes index t (THINGS: unique_id.txt).", Required = true };
        var command = new Command("concepts", "Create a stimulus set of named concepts without images (for data whose images cannot be shared).") { name, labels };
        command.SetAction((parse, ct) => CliErrors.GuardAsync(async () =>
        {
            await using var db = AligNetDbContext.Create(CliConfiguration.ConnectionString());
            var path = parse.GetValue(labels)!.FullName;
            var list = File.ReadAllLines(path).Where(l => l.Trim().Length > 0).ToList();
            var id = await new ConceptSetImporter(db).ImportAsync(parse.GetValue(name)!, $"Concepts from {Path.GetFileName(path)}", list, path, ct);
            Console.WriteLine($"Created concept set {id} with {list.Count} concepts.");
            return 0;
        }));
        return command;
    }

    private static Command Stimuli()
    {
        var name = new Option<string>("--name") { Description = "Name of the new stimulus set.", Required = true };
        var from = new Option<string>("--from") { Description = "A folder or a .zip holding the images and the manifest.", Required = true };
        var manifest = new Option<string>("--manifest") { Description = "Manifest path inside the source (CSV: file,label[,category]).", DefaultValueFactory = _ => ManifestReader.DefaultName };
        var description = new Option<string>("--description") { DefaultValueFactory = _ => "" };
        var command = new Command("stimuli", "Import a stimulus set from a folder or zip with a manifest.") { name, from, manifest, description };
        command.SetAction((parse, ct) => CliErrors.GuardAsync(async () =>
        {
            var stimulusRoot = AligNet.Data.Startup.StorageRoots.Validate(CliConfiguration.Build(), required: false).Stimuli;
            await using var db = AligNetDbContext.Create(CliConfiguration.ConnectionString());
            using var source = StimulusSource.Open(parse.GetValue(from)!);
            var result = await new StimulusSetImporter(db, stimulusRoot)
                .ImportAsync(parse.GetValue(name)!, parse.GetValue(description)!, source, parse.GetValue(manifest)!, ct);
            Console.WriteLine($"Imported {result.Stimuli} stimuli as set {result.SetId}.");
            return 0;
        }));
        return command;
    }

    private static Command Embeddings()
    {
        var set = new Option<string>("--set") { Description = "Stimulus set id or name.", Required = true };
        var model = new Option<string>("--model") { Description = "Base model name, e.g. clip-vit-b32.", Required = true };
        var version = new Option<string>("--version") { Description = "Model version, e.g. openai-2021.", Required = true };
        var file = new Option<FileInfo>("--file") { Description = ".npy (float32/64), .csv or .tsv; one row per stimulus.", Required = true };
        var ids = new Option<FileInfo?>("--ids") { Description = "One stimulus label or file name per row; without it, row t is stimulus t." };
        var command = new Command("embeddings", "Import a base model's embeddings for a stimulus set.") { set, model, version, file, ids };
        command.SetAction((parse, ct) => CliErrors.GuardAsync(async () =>
        {
            await using var db = AligNetDbContext.Create(CliConfiguration.ConnectionString());
            var setId = await StimulusSets.ResolveAsync(db, parse.GetValue(set)!, ct);
            var path = parse.GetValue(file)!.FullName;
            var matrix = EmbeddingFiles.Read(path);
            var idList = parse.GetValue(ids) is { } idFile ? File.ReadAllLines(idFile.FullName).Where(l => l.Length > 0).ToList() : null;
            var rows = await new EmbeddingImporter(db).ImportAsync(setId, parse.GetValue(model)!, parse.GetValue(version)!, matrix, idList, path, ct);
            Console.WriteLine($"Imported {rows} embeddings of {matrix.Columns} dimensions.");
            return 0;
        }));
        return command;
    }

    private static Command Triplets()
    {
        var set = new Option<string>("--set") { Description = "Stimulus set id or name.", Required = true };
        var name = new Option<string>("--name") { Description = "Name of the triplet data set.", Required = true };
        var file = new Option<FileInfo>("--file") { Description = "The triplet file.", Required = true };
        var format = new Option<string>("--format") { Description = "odd-last or choice.", Required = true };
        format.AcceptOnlyFromAmong("odd-last", "choice");
        var reorder = new Option<FileInfo?>("--reorder") { Description = "List whose entry t is the file's index of stimulus t." };
        var command = new Command("triplets", "Import human triplet judgments onto a stimulus set.") { set, name, file, format, reorder };
        command.SetAction((parse, ct) => CliErrors.GuardAsync(async () =>
        {
            await using var db = AligNetDbContext.Create(CliConfiguration.ConnectionString());
            var setId = await StimulusSets.ResolveAsync(db, parse.GetValue(set)!, ct);
            var order = parse.GetValue(reorder) is { } r ? IndexListReader.Read(r.FullName) : null;
            var dataset = await new TripletImporter(db).ImportAsync(setId, parse.GetValue(name)!, parse.GetValue(file)!.FullName,
                TripletFormats.Parse(parse.GetValue(format)!), order, "cli", ct);
            Console.WriteLine($"Imported {dataset.Count} triplets as data set {dataset.Id}.");
            return 0;
        }));
        return command;
    }
}
