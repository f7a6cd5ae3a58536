using System.Text.Json;
using System.Text.Json.Serialization;

namespace AligNet.Ml.Generation;

/// <summary>The parameters that define a data set; a resumed run must match them exactly.</summary>
/// <param name="Clusters">k as used (resolved from the pool size when the run asked for the default).</param>
/// <param name="Labeller">"teacher" (AligNet) or "base" (UnAligNet: the base model's cosine similarity at <paramref name="LabelTemperature"/>).</param>
/// <param name="LabelTemperature">The temperature the logits were divided by: the teacher's, or the base model's for "base".</param>
/// <param name="ExcludedItems">Pool items that no triplet may contain (held out for evaluation).</param>
/// <param name="ExcludedItemSets">Unordered triplets that may not be generated (held out for evaluation).</param>
/// <param name="ExclusionSha256">SHA-256 of both exclusion lists, sorted; null when both are empty.</param>
public sealed record GenerationParameters(long Count, long Validation, int ShardSize, int Clusters, int KMeansIterations, double KMeansTolerance, long Seed, string Mixture,
    string Labeller = GenerationParameters.TeacherLabels, double? LabelTemperature = null, int ExcludedItems = 0, int ExcludedItemSets = 0, string? ExclusionSha256 = null)
{
    public const string TeacherLabels = "teacher", BaseLabels = "base";
}

/// <summary>
/// How often each pool item appears in the training triplets of one variant: <see cref="Items"/> = items the variant
/// could draw (the pool less exclusions), <see cref="Drawn"/> = those drawn at least once, the mean over all of them,
/// the median, 99th percentile and maximum, and max / mean (an item over-sampled by orders of magnitude shows here).
/// </summary>
public sealed record ItemFrequency(int Items, int Drawn, double Mean, long Median, long P99, long Max, double MaxOverMean);

/// <summary>Which teacher labelled the triplets: its weights' SHA-256 and its normalisation and temperature.</summary>
public sealed record TeacherFingerprint(string WeightsSha256, double Mean, double Deviation, double Temperature);

/// <summary>Which pool the triplets index: the embeddings' shape and SHA-256, and SHA-256 of the ids and labels (null when absent).</summary>
public sealed record PoolFingerprint(int Rows, int Columns, string EmbeddingsSha256, string? IdsSha256, string? LabelsSha256, int? Classes);

/// <summary>The k-means run whose clusters the *_cluster variants used (null when the mixture has none).</summary>
public sealed record ClusterSummary(int Clusters, int Iterations, bool Converged, double Inertia, string AssignmentSha256);

/// <summary>One complete shard: its file (relative to the data set folder), rows, SHA-256, rows per variant and label-entropy histogram.</summary>
public sealed record ShardEntry(string File, int Rows, string Sha256, Dictionary<string, long> Counts, long[] Entropy);

/// <summary>
/// <c>manifest.json</c> of a generated data set, rewritten (atomically) after every shard: a shard is part of the data
/// set exactly when it is listed here with a matching SHA-256. Totals are recomputed from the shard list.
/// </summary>
public sealed record DatasetManifest(
    string Format, int Version, GenerationParameters Parameters, TeacherFingerprint Teacher, PoolFingerprint Pool, ClusterSummary? Clusters,
    IReadOnlyList<ShardEntry> ValidationShards, IReadOnlyList<ShardEntry> TrainShards, bool Complete,
    IReadOnlyDictionary<string, ItemFrequency>? ItemFrequencies = null)
{
    public const string FormatName = "alignet-triplets";
    public const int FormatVersion = 1;
    public const string FileName = "manifest.json";

    /// <summary>Bins of the label-entropy histogram: equal widths over [0, ln 3] nats (ln 3 = a uniform soft label).</summary>
    public const int EntropyBins = 20;

    public long TrainRows => TrainShards.Sum(s => (long)s.Rows);
    public long ValidationRows => ValidationShards.Sum(s => (long)s.Rows);

    /// <summary>Training rows per variant (the released names).</summary>
    public Dictionary<string, long> TrainCounts => Sum(TrainShards);
    public Dictionary<string, long> ValidationCounts => Sum(ValidationShards);

    /// <summary>Label-entropy histogram over the training rows; bin b covers [b, b + 1) · ln 3 / <see cref="EntropyBins"/>.</summary>
    public long[] TrainEntropyHistogram
    {
        get
        {
            var total = new long[EntropyBins];
            foreach (var shard in TrainShards) for (var b = 0; b < EntropyBins; b++) total[b] += shard.Entropy[b];
            return total;
        }
    }

    private static Dictionary<string, long> Sum(IEnumerable<ShardEntry> shards)
    {
        var total = new Dictionary<string, long>();
        foreach (var shard in shards)
        {
            foreach (var (variant, count) in shard.Counts) total[variant] = total.GetValueOrDefault(variant) + count;
        }
        return total;
    }

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static DatasetManifest? TryLoad(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            var manifest = JsonSerializer.Deserialize<DatasetManifest>(File.ReadAllBytes(path), Json);
            if (manifest?.Format != FormatName || manifest.Parameters is null) throw new GenerationException($"{path} is not a triplet data set manifest: choose an empty --out folder.");
            if (manifest.Version != FormatVersion) throw new GenerationException($"{path} has format version {manifest.Version}; this program writes {FormatVersion}: choose a new --out folder.");
            return manifest;
        }
        catch (JsonException ex)
        {
            throw new GenerationException($"{path} is not valid JSON ({ex.Message}): delete the folder or choose a new --out folder.", ex);
        }
    }

    /// <summary>The manifest as written: the record plus its totals, so readers need not add up shards.</summary>
    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(new
    {
        Format, Version, Complete, Parameters, Teacher, Pool, Clusters,
        Totals = new
        {
            Train = TrainRows, Validation = ValidationRows, TrainCounts, ValidationCounts,
            EntropyBinWidth = Math.Log(3) / EntropyBins, TrainEntropyHistogram, TrainItemFrequencies = ItemFrequencies,
        },
        ValidationShards, TrainShards,
    }, Json);
}
