using System.CommandLine;
using AligNet.Data.Seeding;
using AligNet.Evaluation.Embeddings;
using AligNet.Evaluation.Robustness;
using AligNet.Ml.BaseModels;

namespace AligNet.Cli.Commands;

/// <summary>
/// <c>alignet features</c>: the pretrained ResNet18's 512-d features of a stimulus folder (or the demo photographs)
/// written to .npy files without a database, clean and under each requested corruption, with the category paths
/// beside them, for <c>alignet simulate --hierarchy</c>, <c>alignet teacher</c> and <c>alignet evaluate</c>.
/// </summary>
internal static class FeaturesCommand
{
    public static Command Create()
    {
        var images = new Option<DirectoryInfo?>("--images") { Description = "A stimulus folder with manifest.csv (file,label,category), e.g. one written by 'alignet emoji'." };
        var demo = new Option<DirectoryInfo?>("--demo") { Description = $"The demo photographs' folder (Debian's {DemoStimulusSource.DebianPackage}: {DemoStimulusSource.DefaultRoot}), in the order 'alignet seed-demo' imports them." };
        var output = new Option<string>("--out") { Description = "Prefix of the files written: PREFIX.npy, PREFIX.<corruption>.npy, PREFIX.paths.txt, PREFIX.labels.txt.", Required = true };
        var corruptions = new Option<string[]>("--corruptions") { Description = "Corruptions to compute besides the clean features: kind-severity (blur, noise, contrast, greyscale; 1–5), or 'all'.", AllowMultipleArgumentsPerToken = true };
        var seed = new Option<int>("--seed") { Description = "Seed of the noise corruption.", DefaultValueFactory = _ => 0 };
        var command = new Command("features", "Compute ResNet18 features of a stimulus folder's images, clean and corrupted, into .npy files.")
        {
            images, demo, output, corruptions, seed,
        };
        command.SetAction((parse, _) => CliErrors.GuardAsync(() =>
        {
            var items = Items(parse.GetValue(images), parse.GetValue(demo));
            var chosen = Corruptions(parse.GetValue(corruptions) ?? []);
            var prefix = parse.GetValue(output)!;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(prefix))!);
            File.WriteAllLines(prefix + ".paths.txt", items.Select(i => string.Join('/', i.Path)));
            File.WriteAllLines(prefix + ".labels.txt", items.Select(i => i.Label));

            // Decode once; each corruption starts from a copy of the clean planes.
            var planes = items.Select(i => StimulusImageDecoder.DecodeToRgbPlanes(new EncodedImage(i.File, File.ReadAllBytes(i.File)))).ToList();
            using var featurizer = new ResNet18Featurizer();
            Write(prefix + ".npy", featurizer, planes);
            foreach (var corruption in chosen)
            {
                var corrupted = CorruptedImages.Apply(planes, corruption, parse.GetValue(seed));
                Write($"{prefix}.{corruption.Name}.npy", featurizer, corrupted);
            }
            Console.WriteLine($"Wrote ResNet18 features ({featurizer.Version}, {featurizer.Device.type}) of {items.Count} images, clean and {chosen.Count} corruptions, to {prefix}.*");
            return Task.FromResult(0);
        }));
        return command;
    }

    private static void Write(string path, ResNet18Featurizer featurizer, List<float[]> planes) =>
        File.WriteAllBytes(path, NpyWriter.Float32(planes.Count, ResNet18Featurizer.EmbeddingSize, CorruptedImages.Features(featurizer, planes)));

    private static List<ImageCorruption> Corruptions(string[] names)
    {
        var list = names.SelectMany(n => n.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        if (list.Contains("all"))
        {
            return [.. Enum.GetValues<CorruptionKind>().SelectMany(k => Enumerable.Range(1, 5).Select(s => new ImageCorruption(k, s)))];
        }
        return [.. list.Select(ImageCorruption.Parse).DistinctBy(c => c.Name)];
    }

    private sealed record Item(string File, string Label, string[] Path);

    private static List<Item> Items(DirectoryInfo? images, DirectoryInfo? demo)
    {
        if ((images is null) == (demo is null)) throw new ArgumentException("Give one of --images FOLDER (with manifest.csv) or --demo FOLDER (the demo photographs).");
        if (demo is not null)
        {
            var found = DemoStimulusSource.Find(demo.FullName);
            if (found.Count == 0) throw new ArgumentException($"No demo photographs under {demo.FullName}: install Debian's {DemoStimulusSource.DebianPackage} (deploy/prerequisites.sh does).");
            return [.. found.Select(f => new Item(f.File, f.Label, f.CategoryPath))];
        }
        var rows = StimulusFolder.Read(images!, "--images");
        var folder = images!.FullName;
        return [.. rows.Select(r => new Item(System.IO.Path.Combine(folder, r.File), r.Label, r.CategoryPath))];
    }
}
