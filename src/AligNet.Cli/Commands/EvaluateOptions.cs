using System.CommandLine;

namespace AligNet.Cli.Commands;

/// <summary>The options of <c>alignet evaluate</c>.</summary>
internal sealed class EvaluateOptions
{
    public Option<FileInfo> Embeddings { get; } = new("--embeddings") { Description = "Embeddings, one row per item (.npy, .csv, .tsv); with --model, the base embeddings the teacher was trained on.", Required = true };
    public Option<DirectoryInfo?> Model { get; } = new("--model") { Description = "A teacher artifact folder (from 'alignet teacher train'); it is compared with its base embeddings." };
    public Option<string> Similarity { get; } = CreateSimilarity("--similarity", "Pair similarity of --embeddings: dot or cosine.", "dot");
    public Option<FileInfo?> Baseline { get; } = new("--baseline") { Description = "Other embeddings of the same items, compared with paired bootstrap intervals." };
    public Option<string?> BaselineSimilarity { get; } = CreateBaselineSimilarity();
    public Option<FileInfo> Triplets { get; } = new("--triplets") { Description = "Human triplets; an optional last column after the subject is the RT in ms.", Required = true };
    public Option<string> Format { get; } = CreateFormat();
    public Option<FileInfo?> Reorder { get; } = new("--reorder") { Description = "List whose entry t is the triplet file's index of embedding row t (THINGS' sortindex.txt)." };
    public Option<FileInfo?> Categories { get; } = new("--categories") { Description = "Category matrix TSV: a header of category names, one 0/1 row per embedding row (THINGS category_mat_manual.tsv)." };
    public Option<string?> Set { get; } = new("--set") { Description = "Stimulus set (name or id) whose category paths give the levels; needs the database." };
    public Option<int?> CategoryDepth { get; } = new("--category-depth") { Description = "With --set or --hierarchy: cut paths to this many levels (default: the whole path, the finest category)." };
    public Option<FileInfo?> HumanSimilarity { get; } = new("--human-similarity") { Description = "An n × n human similarity matrix (.npy, .csv, .tsv) for RSA." };
    public Option<bool> Rsa { get; } = new("--rsa") { Description = "RSA against a human similarity matrix estimated from the triplets." };
    public Option<int> Bootstrap { get; } = new("--bootstrap") { Description = "Bootstrap replicates per interval (0 = no intervals).", DefaultValueFactory = _ => 1000 };
    public Option<long> Seed { get; } = new("--seed") { Description = "Seed of the resampling.", DefaultValueFactory = _ => 0 };
    public Option<FileInfo?> Hierarchy { get; } = new("--hierarchy") { Description = "Category paths for few-shot, BREEDS, retention and shift probes: one 'top/sub/…' line per embedding row (default: the paths of --set); without --categories or --set they also give the levels." };
    public Option<int?> FewShotWays { get; } = new("--few-shot-ways") { Description = "Few-shot: n of n-way k-shot prototype classification over the finest categories." };
    public Option<int[]> FewShotShots { get; } = new("--few-shot-shots") { Description = "Few-shot: k values (default 1 5).", AllowMultipleArgumentsPerToken = true };
    public Option<bool> Breeds { get; } = new("--breeds") { Description = "BREEDS-style probe: fit on some subcategories of each top category, test on the others." };
    public Option<bool> Retention { get; } = new("--retention") { Description = "Nearest-neighbour category accuracy of the model's features vs the base's (needs --model or --baseline)." };
    public Option<int> TransferSeeds { get; } = new("--transfer-seeds") { Description = "Seeds for few-shot episodes and BREEDS splits.", DefaultValueFactory = _ => 5 };
    public Option<string[]> Corrupted { get; } = new("--corrupted") { Description = "Corruptions: NAME=FILE pairs (e.g. blur-3=f.blur-3.npy), features of the corrupted images in --embeddings' rows and model ('alignet features --corruptions').", AllowMultipleArgumentsPerToken = true };
    public Option<string[]> StyleShift { get; } = new("--style-shift") { Description = "Other renderings: NAME=FILE pairs, features of the same concepts drawn otherwise, in --embeddings' rows and model.", AllowMultipleArgumentsPerToken = true };
    public Option<bool> Json { get; } = new("--json") { Description = "Print one JSON object." };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Embeddings, Model, Similarity, Baseline, BaselineSimilarity, Triplets, Format, Reorder, Categories, Set, CategoryDepth, HumanSimilarity, Rsa, Bootstrap, Seed, Hierarchy, FewShotWays, FewShotShots, Breeds, Retention, TransferSeeds, Corrupted, StyleShift, Json })
        {
            command.Options.Add(option);
        }
    }

    private static Option<string> CreateFormat()
    {
        var format = new Option<string>("--format") { Description = "odd-last ('i j k [subject [rt_ms]]', 0-based, k odd) or choice ('i j k choice [subject [rt_ms]]', 1-based).", Required = true };
        format.AcceptOnlyFromAmong("odd-last", "choice");
        return format;
    }

    private static Option<string> CreateSimilarity(string name, string description, string fallback)
    {
        var option = new Option<string>(name) { Description = description, DefaultValueFactory = _ => fallback };
        option.AcceptOnlyFromAmong("dot", "cosine");
        return option;
    }

    private static Option<string?> CreateBaselineSimilarity()
    {
        var option = new Option<string?>("--baseline-similarity") { Description = "Pair similarity of --baseline: dot or cosine (default: --similarity)." };
        option.AcceptOnlyFromAmong("dot", "cosine");
        return option;
    }
}
