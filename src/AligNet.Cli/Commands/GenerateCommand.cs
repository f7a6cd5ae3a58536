using System.CommandLine;
using System.Runtime;
using AligNet.Evaluation;
using AligNet.Evaluation.Embeddings;
using AligNet.Ml.Generation;
using AligNet.Ml.Teacher;

namespace AligNet.Cli.Commands;

/// <summary>
/// <c>alignet generate</c>: an AligNet data set (METHOD.md §3) from a teacher artifact and a pool of embeddings in
/// files, no database. Run it again with the same arguments after an interruption: it resumes after the last
/// complete shard and ends with the same files.
/// </summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var model = new Option<DirectoryInfo>("--model") { Description = "Teacher folder written by 'alignet teacher train'.", Required = true };
        var embeddings = new Option<FileInfo>("--embeddings") { Description = "Pool: base embeddings of the teacher's base model, one row per item (.npy, .csv or .tsv).", Required = true };
        var labels = new Option<FileInfo?>("--labels") { Description = "Class label of each pool item, one per line in embedding row order (needed by the *_class variants)." };
        var ids = new Option<FileInfo?>("--ids") { Description = "Stimulus id of each pool item, one per line in embedding row order; written to the shards as id_i, id_j, id_k." };
        var count = new Option<long>("--count") { Description = "Training triplets.", Required = true };
        var clusters = new Option<int>("--clusters") { Description = "k of k-means over the teacher representations (default: one per 2,560 pool items, at least 3).", DefaultValueFactory = _ => GenerationOptions.AutoClusters };
        var mix = new Option<string>("--mix") { Description = $"Sampling variants and their shares, summing to 1 ({SamplingVariants.ValidNames}).", DefaultValueFactory = _ => SamplingMixture.DefaultText };
        var seed = new Option<long>("--seed") { Description = "Seed of k-means and of every shard's draws.", DefaultValueFactory = _ => 42 };
        var output = new Option<DirectoryInfo>("--out") { Description = "Data set folder (manifest.json, train/, validation/); an existing one with the same parameters is resumed.", Required = true };
        var validation = new Option<long?>("--validation") { Description = "Validation triplets, disjoint from training (default 0.1 % of --count, at most 10,000)." };
        var shardSize = new Option<int>("--shard-size") { Description = "Rows per Parquet shard.", DefaultValueFactory = _ => 1_000_000 };
        var iterations = new Option<int>("--kmeans-iterations") { Description = "Most Lloyd iterations of k-means.", DefaultValueFactory = _ => 25 };
        var threads = new Option<int>("--threads") { Description = "Worker threads (the result does not depend on it).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var unaligned = new Option<bool>("--unaligned") { Description = "UnAligNet control: the same triplets labelled by the base model's cosine similarity at its own temperature (fitted on the teacher's human validation split)." };
        var baseTemperature = new Option<double?>("--base-temperature") { Description = "The base model's temperature for --unaligned (default: the one the teacher's manifest records)." };
        var excludeItems = new Option<FileInfo?>("--exclude-items") { Description = "Pool rows (0-based, one per line) that no triplet may contain: items held out for evaluation." };
        var excludeTriplets = new Option<FileInfo[]>("--exclude-triplets") { Description = "Files of item sets (first three columns: 0-based pool rows, e.g. odd-last files) that may not be generated; repeatable.", AllowMultipleArgumentsPerToken = true };
        var command = new Command("generate", "Label millions of distinct triplets with a teacher: k-means, the sampling variants, Parquet shards and a manifest.")
        {
            model, embeddings, labels, ids, count, clusters, mix, seed, output, validation, shardSize, iterations, threads, json,
            unaligned, baseTemperature, excludeItems, excludeTriplets,
        };
        command.SetAction((parse, ct) => CliErrors.GuardAsync(async () =>
        {
            var (teacher, manifest) = TeacherArtifact.Load(parse.GetValue(model)!.FullName);
            var options = new GenerationOptions(parse.GetValue(count), parse.GetValue(clusters), parse.GetValue(mix)!, parse.GetValue(seed),
                parse.GetValue(validation), parse.GetValue(shardSize), parse.GetValue(iterations), Threads: Math.Max(1, parse.GetValue(threads)))
            {
                Unaligned = parse.GetValue(unaligned),
                // The teacher run fits the base model's temperature on the same human validation split as its own (its base_calibrated metrics).
                BaseTemperature = parse.GetValue(baseTemperature) ?? manifest.TestMetrics?.BaseCalibrated.Temperature,
                ExcludedItems = parse.GetValue(excludeItems) is { } itemsFile ? ExclusionFiles.Items(itemsFile) : [],
                ExcludedItemSets = [.. (parse.GetValue(excludeTriplets) ?? []).SelectMany(ExclusionFiles.ItemSets)],
            };
            var pool = Prepare(teacher, parse.GetValue(embeddings)!, parse.GetValue(ids), parse.GetValue(labels), options.Threads, options.Unaligned);
            // The file's bytes and float64 values (300 MB for 50,000 × 512) are garbage now; hand them back before generation allocates.
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            var result = await new TripletGenerator(options, new ConsoleProgress()).GenerateAsync(teacher, manifest, pool, parse.GetValue(output)!.FullName, ct);
            Print(result, parse.GetValue(json));
            return 0;
        }));
        return command;
    }

    /// <summary>Reads the pool and keeps only its teacher representations: the float64 embeddings are garbage once this returns.</summary>
    private static PreparedPool Prepare(TeacherModel teacher, FileInfo embeddings, FileInfo? ids, FileInfo? labels, int threads, bool unaligned)
    {
        var matrix = EmbeddingFiles.Read(embeddings.FullName);
        return PreparedPool.From(teacher, new GenerationPool(matrix, ReadLines(ids, matrix.Rows), ReadLines(labels, matrix.Rows)), threads, unaligned);
    }

    /// <summary>One value per line (trailing empty lines ignored); exactly one per embedding row.</summary>
    private static string[]? ReadLines(FileInfo? file, int rows)
    {
        if (file is null) return null;
        if (!file.Exists) throw new DataFormatException(file.FullName, null, "file not found.");
        var lines = File.ReadAllLines(file.FullName).Select(l => l.Trim()).ToList();
        while (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        var blank = lines.FindIndex(l => l.Length == 0);
        if (blank >= 0) throw new DataFormatException(file.FullName, blank + 1, "empty line; give one value per embedding row.");
        if (lines.Count != rows) throw new DataFormatException(file.FullName, null, $"{lines.Count} lines for {rows} embedding rows; give one value per row, in row order.");
        return [.. lines];
    }

    private static void Print(GenerationResult r, bool json)
    {
        var m = r.Manifest;
        if (!json)
        {
            Console.WriteLine($"{m.TrainRows:N0} training + {m.ValidationRows:N0} validation triplets in {r.Directory} ({r.Seconds:F1} s, {r.TripletsPerSecond:N0} triplets/s, {r.ShardsReused} shards reused)");
            return;
        }
        JsonOutput.Write(new
        {
            output = r.Directory, complete = m.Complete, seed = m.Parameters.Seed, mixture = m.Parameters.Mixture,
            labels = m.Parameters.Labeller, label_temperature = m.Parameters.LabelTemperature, clusters_used = m.Parameters.Clusters,
            excluded_items = m.Parameters.ExcludedItems, excluded_item_sets = m.Parameters.ExcludedItemSets, item_frequencies = m.ItemFrequencies,
            train = m.TrainRows, validation = m.ValidationRows, train_counts = m.TrainCounts, validation_counts = m.ValidationCounts,
            entropy_bin_width = Math.Log(3) / DatasetManifest.EntropyBins, entropy_histogram = m.TrainEntropyHistogram,
            clusters = m.Clusters, train_shards = m.TrainShards.Count, validation_shards = m.ValidationShards.Count,
            shards_reused = r.ShardsReused, seconds = r.Seconds, triplets_per_second = r.TripletsPerSecond,
        });
    }

    /// <summary>One line per stage and shard on stderr, so that --json output on stdout stays one object.</summary>
    private sealed class ConsoleProgress : IGenerationProgress
    {
        public void Report(GenerationProgress p) => Console.Error.WriteLine($"{p.Stage}: {p.Done:N0}/{p.Total:N0} after {p.Seconds:F1} s");
    }
}
