using System.CommandLine;
using AligNet.Evaluation.Simulation;
using AligNet.Evaluation.Transfer;

namespace AligNet.Cli.Commands;

/// <summary>
/// <c>alignet simulate</c>: odd-one-out judgments answered from the category hierarchy by the bots' oracle, written as a
/// triplet file (choice format with subject and RT) for <c>alignet evaluate</c>, <c>alignet teacher</c> or an import.
/// </summary>
internal static class SimulateCommand
{
    public static Command Create()
    {
        var set = new Option<string?>("--set") { Description = "Stimulus set (name or id) whose category paths answer; needs the database. Items are the set's stimuli in index order." };
        var images = new Option<DirectoryInfo?>("--images") { Description = "A stimulus folder with manifest.csv (file,label,category): items in manifest order, as 'alignet import stimuli' numbers them." };
        var hierarchy = new Option<FileInfo?>("--hierarchy") { Description = "One 'top/sub/…' category path per line; line t is item t (the --hierarchy file of 'alignet evaluate')." };
        var triplets = new Option<int>("--triplets") { Description = "Distinct random triplets to answer.", Required = true };
        var repeats = new Option<int>("--repeats") { Description = "Participants answering each triplet (≥ 2 gives ceilings and human entropy).", DefaultValueFactory = _ => 1 };
        var participants = new Option<int>("--participants") { Description = "Simulated participants (ids sim-001 …), each with their own speed.", DefaultValueFactory = _ => 20 };
        var noise = new Option<double>("--noise") { Description = "Probability that an answer is a random position instead of the oracle's.", DefaultValueFactory = _ => 0.1 };
        var seed = new Option<int>("--seed") { Description = "Seed: the same inputs and seed write the same file.", DefaultValueFactory = _ => 0 };
        var output = new Option<FileInfo>("--out") { Description = "The triplet file to write (choice format: i j k choice subject rt_ms, 1-based).", Required = true };
        var command = new Command("simulate",
            "Write simulated odd-one-out judgments: the item from the most distant category is the odd one out (with noise), " +
            "RT grows with difficulty, as the bots answer in the browser.")
        {
            set, images, hierarchy, triplets, repeats, participants, noise, seed, output,
            SimulateSamplingCommand.Create(),
        };
        command.SetAction((parse, ct) => CliErrors.GuardAsync(async () =>
        {
            var (paths, source) = await PathsAsync(parse.GetValue(set), parse.GetValue(images), parse.GetValue(hierarchy), ct);
            var options = new SimulationOptions(parse.GetValue(triplets), parse.GetValue(noise), parse.GetValue(participants), parse.GetValue(repeats), parse.GetValue(seed));
            var judgments = JudgmentSimulator.Simulate(paths, options);
            var file = parse.GetValue(output)!.FullName;
            SimulatedJudgmentFile.Write(file, judgments,
            [
                $"simulated by 'alignet simulate' from {source} ({paths.Count} items): CategoryOracle (odd one out = most distant category path)",
                FormattableString.Invariant($"triplets={options.Triplets} repeats={options.Repeats} participants={options.Participants} noise={options.Noise} seed={options.Seed}"),
            ]);
            Console.WriteLine($"Wrote {judgments.Count} judgments ({options.Triplets} triplets × {options.Repeats}) by {Math.Min(options.Participants, judgments.Count)} participants over {paths.Count} items to {file}.");
            return 0;
        }));
        return command;
    }

    private static async Task<(IReadOnlyList<IReadOnlyList<string>> Paths, string Source)> PathsAsync(string? set, DirectoryInfo? images, FileInfo? hierarchy, CancellationToken ct)
    {
        var given = (set is null ? 0 : 1) + (images is null ? 0 : 1) + (hierarchy is null ? 0 : 1);
        if (given != 1) throw new ArgumentException("Give exactly one of --set NAME, --images FOLDER or --hierarchy FILE: the category paths the judgments are answered from.");
        IReadOnlyList<IReadOnlyList<string>> paths;
        string source;
        if (set is not null) (paths, source) = (await StimulusSetPaths.LoadAsync(set, null, ct), $"set '{set}'");
        else if (hierarchy is not null) (paths, source) = (CategoryHierarchy.Read(hierarchy.FullName, null).Paths, hierarchy.Name);
        else (paths, source) = (ManifestPaths(images!), images!.Name);
        if (paths.All(p => p.Count == 0)) throw new ArgumentException($"No item of {source} has a category path, so the oracle could only guess: give paths (manifest column 'category', e.g. animals/birds).");
        return (paths, source);
    }

    private static IReadOnlyList<IReadOnlyList<string>> ManifestPaths(DirectoryInfo folder) =>
        StimulusFolder.Read(folder, "--images").Select(r => (IReadOnlyList<string>)r.CategoryPath).ToList();
}
