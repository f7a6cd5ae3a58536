namespace AligNet.Ml.Generation;

/// <summary>
/// What to generate. Everything here except <see cref="Threads"/> fixes the data set: a resumed run must be given the
/// same values (they are stored in the manifest and compared).
/// </summary>
/// <param name="Count">Training triplets.</param>
/// <param name="Validation">Validation triplets, drawn before and disjoint from the training ones; null = 0.1 % of Count, at most 10,000.</param>
/// <param name="ShardSize">Rows per Parquet shard: the unit of memory, progress and resumption.</param>
public sealed record GenerationOptions(long Count, int Clusters, string Mixture = SamplingMixture.DefaultText, long Seed = 0,
    long? Validation = null, int ShardSize = 1_000_000, int KMeansIterations = 25, double KMeansTolerance = 1e-4, int Threads = 2)
{
    public long ValidationCount => Validation ?? Math.Min(10_000, Math.Max(1, (Count + 500) / 1000));

    /// <summary><see cref="Clusters"/> value that asks for the default: one cluster per <see cref="ItemsPerCluster"/> items.</summary>
    public const int AutoClusters = 0;

    /// <summary>The paper's ratio: k = 500 for the 1.28 M ImageNet training images.</summary>
    public const int ItemsPerCluster = 2560;

    /// <summary>
    /// The default k for a pool of n drawable items: round(n / 2,560), but at least 3 (so that between_cluster, the
    /// default mixture's variant needing the most clusters, is defined; THINGS' 1,854 concepts get 3) and at most n.
    /// </summary>
    public static int DefaultClusters(int n) => Math.Min(n, Math.Max(3, (int)Math.Round(n / (double)ItemsPerCluster)));

    /// <summary>UnAligNet: label with the base model's own similarity (cosine) and temperature instead of the teacher's.</summary>
    public bool Unaligned { get; init; }

    /// <summary>The base model's temperature for <see cref="Unaligned"/> labels (fitted on the teacher's human validation split).</summary>
    public double? BaseTemperature { get; init; }

    /// <summary>Pool rows no generated triplet may contain.</summary>
    public IReadOnlyList<int> ExcludedItems { get; init; } = [];

    /// <summary>Unordered triplets of pool rows that may not be generated.</summary>
    public IReadOnlyList<(int A, int B, int C)> ExcludedItemSets { get; init; } = [];
}

/// <summary>
/// The stimulus pool: base embeddings (one row per item), and optionally each item's stimulus id (written to the
/// shards) and class label (for the *_class variants).
/// </summary>
public sealed record GenerationPool(AligNet.Evaluation.Embeddings.EmbeddingMatrix Embeddings, IReadOnlyList<string>? Ids = null, IReadOnlyList<string>? Labels = null);

/// <summary>
/// The pool as generation uses it: the teacher's float32 representations, ids, labels and the pool's fingerprint.
/// The float64 base embeddings (twice the size of the representations) are not kept: a caller that lets go of its
/// <see cref="GenerationPool"/> after <see cref="From"/> keeps the benchmark's peak memory 200 MB lower.
/// </summary>
/// <param name="BaseUnitVectors">The base embeddings scaled to unit length (cosine similarity), for UnAligNet labels; null otherwise.</param>
public sealed record PreparedPool(PoolVectors Representations, IReadOnlyList<string>? Ids, IReadOnlyList<string>? Labels, PoolFingerprint Fingerprint, PoolVectors? BaseUnitVectors = null)
{
    public int Rows => Representations.Rows;

    public static PreparedPool From(AligNet.Ml.Teacher.TeacherModel teacher, GenerationPool pool, int threads, bool unaligned = false)
    {
        var n = pool.Embeddings.Rows;
        if (pool.Labels is { } labels && labels.Count != n) throw new GenerationException($"the labels list has {labels.Count} entries for {n} embedding rows; give one label per row.");
        if (pool.Ids is { } ids && ids.Count != n) throw new GenerationException($"the ids list has {ids.Count} entries for {n} embedding rows; give one id per row.");
        static string? Lines(IReadOnlyList<string>? values) =>
            values is null ? null : Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', values))));
        var embeddings = AligNet.Ml.Teacher.EmbeddingFingerprint.Of(pool.Embeddings);
        var fingerprint = new PoolFingerprint(embeddings.Rows, embeddings.Columns, embeddings.Sha256, Lines(pool.Ids), Lines(pool.Labels), pool.Labels?.Distinct().Count());
        return new PreparedPool(TeacherRepresentations.Compute(teacher, pool.Embeddings, threads), pool.Ids, pool.Labels, fingerprint,
            unaligned ? UnitRows(pool.Embeddings) : null);
    }

    private static PoolVectors UnitRows(AligNet.Evaluation.Embeddings.EmbeddingMatrix x)
    {
        var result = new PoolVectors(x.Rows, x.Columns);
        for (var r = 0; r < x.Rows; r++)
        {
            var row = x.Row(r);
            var norm = 0.0;
            foreach (var v in row) norm += v * v;
            norm = Math.Sqrt(norm);
            if (!(norm > 0)) throw new GenerationException($"embedding row {r} is all zeros: its cosine similarity is undefined; remove it from the pool.");
            var target = result.Row(r);
            for (var d = 0; d < x.Columns; d++) target[d] = (float)(row[d] / norm);
        }
        return result;
    }
}

/// <summary>A stage of a run, for a console line or a job's log.</summary>
/// <param name="Stage">"clusters" (Done = Lloyd iterations run), "validation" or "train" (Done = rows written).</param>
public sealed record GenerationProgress(string Stage, long Done, long Total, double Seconds);

/// <summary>Receives progress while a data set is generated.</summary>
public interface IGenerationProgress
{
    void Report(GenerationProgress progress);
}

/// <summary>What a finished (or already complete) run reports.</summary>
public sealed record GenerationResult(string Directory, DatasetManifest Manifest, int ShardsReused, double Seconds, double TripletsPerSecond);
