using System.Diagnostics;
using System.Security.Cryptography;
using AligNet.Ml.Teacher;

namespace AligNet.Ml.Generation;

/// <summary>
/// Generates an AligNet data set (METHOD.md §3) into a folder: <c>validation/shard-NNNNN.parquet</c> first, then
/// <c>train/shard-NNNNN.parquet</c>, and <c>manifest.json</c> rewritten after every shard (docs/decisions/ADR-009).
/// Shard s draws from its own random stream (seed, s) and keeps a triplet only when no earlier shard (validation
/// ones included) or earlier row holds the same unordered set, so a run that stops after any shard and is started
/// again ends with the very same files. Memory: the pool and its teacher representations, the set of drawn keys
/// (16 bytes per triplet at most) and one shard.
/// </summary>
public sealed class TripletGenerator(GenerationOptions options, IGenerationProgress? progress = null)
{
    private const int MaxAttemptsPerRow = 1_000_000;

    /// <summary>A shard's Parquet bytes are buffered in one MemoryStream (under 2 GB).</summary>
    public const int MaxShardSize = 10_000_000;

    /// <summary>The dedupe set's table tops out at 2³⁰ slots (8 GB); three quarters of it may be filled.</summary>
    public const long MaxTriplets = 800_000_000;
    private const long ValidationStream = 1L << 40;
    private const string TrainFolder = "train", ValidationFolder = "validation";
    private readonly ParallelOptions parallel = new() { MaxDegreeOfParallelism = Math.Max(1, options.Threads) };
    private readonly Stopwatch clock = new();
    private readonly MemoryStream shardBytes = new();

    /// <summary>Opens a shard's temporary file for writing; tests replace it to simulate a full disk.</summary>
    internal Func<string, Stream> OpenForWriting { get; init; } = path => new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);

    public Task<GenerationResult> GenerateAsync(TeacherModel teacher, TeacherManifest teacherManifest, GenerationPool pool, string directory, CancellationToken ct = default) =>
        GenerateAsync(teacher, teacherManifest, PreparedPool.From(teacher, pool, Math.Max(1, options.Threads)), directory, ct);

    public async Task<GenerationResult> GenerateAsync(TeacherModel teacher, TeacherManifest teacherManifest, PreparedPool pool, string directory, CancellationToken ct = default)
    {
        clock.Restart();
        var mixture = SamplingMixture.Parse(options.Mixture);
        var exclusion = Exclusion.From(options, pool.Rows);
        var clusterCount = options.Clusters == GenerationOptions.AutoClusters ? GenerationOptions.DefaultClusters(exclusion.Drawable.Length) : options.Clusters;
        Validate(pool, mixture, exclusion.Drawable.Length, clusterCount);
        var (labelVectors, labelTemperature) = Labeller(teacher, pool);
        var parameters = new GenerationParameters(options.Count, options.ValidationCount, options.ShardSize, clusterCount,
            options.KMeansIterations, options.KMeansTolerance, options.Seed, mixture.ToString(),
            options.Unaligned ? GenerationParameters.BaseLabels : GenerationParameters.TeacherLabels, labelTemperature,
            options.ExcludedItems.Count, exclusion.ItemSets.Count, exclusion.Sha256);
        var teacherPrint = new TeacherFingerprint(teacherManifest.WeightsSha256, teacher.Mean, teacher.Deviation, teacher.Temperature);
        var poolPrint = pool.Fingerprint;

        Directory.CreateDirectory(directory);
        var existing = DatasetManifest.TryLoad(directory);
        if (existing is not null) RequireSameDataSet(existing, parameters, teacherPrint, poolPrint, directory);
        if (existing is { Complete: true }) return new GenerationResult(directory, existing, existing.ValidationShards.Count + existing.TrainShards.Count, clock.Elapsed.TotalSeconds, 0);

        var z = pool.Representations;
        var drawable = exclusion.Drawable;
        StimulusGroups? clusters = null;
        ClusterSummary? clusterSummary = null;
        if (mixture.NeedsClusters)
        {
            var fit = KMeans.Fit(exclusion.Excludes ? Subset(z, drawable) : z, new KMeansOptions(clusterCount, options.KMeansIterations, options.KMeansTolerance, options.Seed, parallel.MaxDegreeOfParallelism));
            clusters = new StimulusGroups(fit.Assignment, fit.Clusters);
            clusterSummary = new ClusterSummary(fit.Clusters, fit.Iterations, fit.Converged, fit.Inertia, Sha256(fit.Assignment.SelectMany(BitConverter.GetBytes).ToArray()));
            Report("clusters", fit.Iterations, options.KMeansIterations);
            if (existing is not null && existing.Clusters?.AssignmentSha256 != clusterSummary.AssignmentSha256)
            {
                throw new GenerationException($"k-means gave other clusters than the run that started {directory} (a different machine or program version?): resume where it started, or use a new --out folder.");
            }
        }
        var classes = pool.Labels is null ? null : StimulusGroups.FromLabels([.. drawable.Select(i => pool.Labels[i])]);
        // The sampler draws positions among the drawable items; Sample maps them back to pool rows.
        var sampler = new TripletSampler(drawable.Length, classes, clusters);
        foreach (var (variant, _) in mixture.Shares)
        {
            if (TripletSampler.Unsupported(variant, drawable.Length, classes, clusters) is { } why) throw new GenerationException(why + ".");
        }
        var validationPlan = Plan(parameters.Validation, mixture);
        var trainPlan = Plan(parameters.Count, mixture);
        CheckCapacity(sampler, mixture, validationPlan.Concat(trainPlan).ToList(), drawable.Length);
        var frequency = new ItemCounts(pool.Rows);

        var manifest = existing ?? new DatasetManifest(DatasetManifest.FormatName, DatasetManifest.FormatVersion, parameters, teacherPrint, poolPrint, clusterSummary, [], [], false);
        manifest = KeepVerifiedShards(manifest, directory);
        var keys = new TripletKeySet(parameters.Count + parameters.Validation);
        foreach (var shard in manifest.ValidationShards.Concat(manifest.TrainShards))
        {
            var content = await ShardFile.ReadAsync(Path.Combine(directory, shard.File), ct);
            for (var r = 0; r < content.I.Length; r++) keys.Add(TripletKeySet.Key(content.I[r], content.J[r], content.K[r]));
            if (shard.File.StartsWith(TrainFolder + "/", StringComparison.Ordinal)) frequency.Add(content);
        }
        var reused = manifest.ValidationShards.Count + manifest.TrainShards.Count;
        WriteManifest(directory, manifest);

        // Two buffers: shard s is written (and recorded) on another thread while shard s + 1 is drawn and labelled.
        var capacity = (int)Math.Min(options.ShardSize, Math.Max(1L, Math.Max(parameters.Count, parameters.Validation)));
        var buffers = new[] { new ShardRows(capacity), new ShardRows(capacity) };
        Task<DatasetManifest>? pending = null;
        var generatedRows = 0L;
        var produced = 0;
        try
        {
            foreach (var (folder, plan, stream) in new[] { (ValidationFolder, validationPlan, ValidationStream), (TrainFolder, trainPlan, 0L) })
            {
                var done = folder == ValidationFolder ? manifest.ValidationShards.Count : manifest.TrainShards.Count;
                var total = folder == ValidationFolder ? parameters.Validation : parameters.Count;
                for (var s = done; s < plan.Count; s++)
                {
                    ct.ThrowIfCancellationRequested();
                    var rows = buffers[produced++ % 2];
                    var random = new ShardRandom(options.Seed, stream + s);
                    Sample(sampler, keys, rows, plan[s], ref random, folder, s, exclusion);
                    rows.Label(labelVectors, labelTemperature, parallel);
                    if (folder == TrainFolder) frequency.Add(rows);
                    if (pending is not null) manifest = await pending;
                    var (file, counts, recorded) = ($"{folder}/shard-{s:D5}.parquet", plan[s], manifest);
                    pending = Task.Run(async () =>
                    {
                        var entry = await WriteShardAsync(rows, pool.Ids, directory, file, counts, CancellationToken.None);
                        var next = folder == ValidationFolder
                            ? recorded with { ValidationShards = [.. recorded.ValidationShards, entry] }
                            : recorded with { TrainShards = [.. recorded.TrainShards, entry] };
                        WriteManifest(directory, next);
                        Report(folder, folder == ValidationFolder ? next.ValidationRows : next.TrainRows, total);
                        return next;
                    }, CancellationToken.None);
                    generatedRows += rows.Count;
                }
            }
        }
        finally
        {
            // A shard being written when the run stops is finished and recorded, so that what remains is complete shards only.
            if (pending is not null && !pending.IsCompleted) await Task.WhenAny(pending);
        }
        if (pending is not null) manifest = await pending;
        manifest = manifest with { Complete = true, ItemFrequencies = frequency.Summarise(drawable) };
        WriteManifest(directory, manifest);
        var seconds = clock.Elapsed.TotalSeconds;
        return new GenerationResult(directory, manifest, reused, seconds, generatedRows / Math.Max(seconds, 1e-9));
    }

    /// <summary>The vectors whose dot products label the triplets, and the temperature: the teacher's, or the base model's (UnAligNet).</summary>
    private (PoolVectors Vectors, double Temperature) Labeller(TeacherModel teacher, PreparedPool pool)
    {
        if (!options.Unaligned) return (pool.Representations, teacher.Temperature);
        if (pool.BaseUnitVectors is null) throw new InvalidOperationException("UnAligNet labels need the pool prepared with unaligned: true.");
        if (options.BaseTemperature is not (> 0 and < double.PositiveInfinity))
        {
            throw new GenerationException("UnAligNet labels need the base model's temperature: retrain the teacher with this version (its manifest then records it), or pass --base-temperature.");
        }
        return (pool.BaseUnitVectors, options.BaseTemperature.Value);
    }

    private static PoolVectors Subset(PoolVectors z, int[] rows)
    {
        var subset = new PoolVectors(rows.Length, z.Dimensions);
        for (var r = 0; r < rows.Length; r++) z.Row(rows[r]).CopyTo(subset.Row(r));
        return subset;
    }

    private void Validate(PreparedPool pool, SamplingMixture mixture, int drawable, int clusters)
    {
        var n = pool.Rows;
        if (drawable < 3) throw new GenerationException($"the pool has {drawable} item(s) left after the exclusions; a triplet needs at least 3 distinct items.");
        if (n < 3) throw new GenerationException($"the pool has {n} item(s); a triplet needs at least 3 distinct items.");
        if (n > TripletKeySet.MaxPoolSize) throw new GenerationException($"the pool has {n} items; this generator indexes at most {TripletKeySet.MaxPoolSize}: split the pool.");
        if (options.Count < 1) throw new GenerationException($"--count must be at least 1, not {options.Count}.");
        if (options.ValidationCount < 0) throw new GenerationException($"--validation must be 0 or more, not {options.ValidationCount}.");
        if (options.ShardSize is < 1 or > MaxShardSize) throw new GenerationException($"--shard-size must lie between 1 and {MaxShardSize:N0}, not {options.ShardSize:N0}.");
        if (options.Count + options.ValidationCount > MaxTriplets)
        {
            throw new GenerationException($"{options.Count + options.ValidationCount:N0} triplets in one data set is more than this generator holds in memory ({MaxTriplets:N0}): generate several data sets with different seeds.");
        }
        if (clusters < 1) throw new GenerationException($"--clusters must be at least 1, not {clusters}.");
        if (clusters > drawable) throw new GenerationException($"--clusters {clusters} is larger than the pool ({drawable} items{(drawable < n ? " after the exclusions" : "")}): choose at most {drawable}.");
        if (options.KMeansIterations < 0 || !(options.KMeansTolerance >= 0)) throw new GenerationException("k-means needs at least 0 iterations and a tolerance of 0 or more.");
        if (mixture.NeedsLabels && pool.Labels is null)
        {
            var needing = string.Join(", ", mixture.Shares.Where(s => s.Variant.NeedsLabels()).Select(s => s.Variant.Name()));
            throw new GenerationException($"the mixture uses {needing}, which need class labels, and this pool has none: pass --labels, or leave those variants out of --mix.");
        }
    }

    /// <summary>Rows per variant of every shard: the shard's rows split by the mixture (largest remainder).</summary>
    private List<long[]> Plan(long total, SamplingMixture mixture)
    {
        var plan = new List<long[]>();
        for (var start = 0L; start < total; start += options.ShardSize) plan.Add(mixture.Apportion(Math.Min(options.ShardSize, total - start)));
        return plan;
    }

    private static void CheckCapacity(TripletSampler sampler, SamplingMixture mixture, List<long[]> plan, int n)
    {
        var all = (double)n * (n - 1) * (n - 2) / 6;
        var requested = plan.Sum(p => p.Sum());
        if (requested > all) throw new GenerationException($"{requested:N0} distinct triplets were asked for (training + validation), and a pool of {n} items has only {all:N0}: lower --count/--validation or use a larger pool.");
        foreach (var (variant, _) in mixture.Shares)
        {
            var wanted = plan.Sum(p => p[(int)variant]);
            var capacity = sampler.Capacity(variant);
            if (wanted > capacity) throw new GenerationException($"{wanted:N0} {variant.Name()} triplets were asked for, and the pool holds only {capacity:N0} distinct ones: lower --count or its share in --mix.");
        }
    }

    /// <summary>Fills rows with distinct triplets, I &lt; J &lt; K, in a random order of variants that meets the shard's counts exactly.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void Sample(TripletSampler sampler, TripletKeySet keys, ShardRows rows, long[] counts, ref ShardRandom random, string folder, int shard, Exclusion exclusion)
    {
        var map = exclusion.Excludes ? exclusion.Drawable : null;
        var held = exclusion.ItemSets;
        var n = (int)counts.Sum();
        var at = 0;
        for (var v = 0; v < counts.Length; v++) for (var c = 0; c < counts[v]; c++) rows.Variant[at++] = (SamplingVariant)v;
        for (var r = n - 1; r > 0; r--)
        {
            var other = random.Next(r + 1);
            (rows.Variant[r], rows.Variant[other]) = (rows.Variant[other], rows.Variant[r]);
        }
        for (var r = 0; r < n; r++)
        {
            var variant = rows.Variant[r];
            for (var attempt = 0; ; attempt++)
            {
                if (attempt == MaxAttemptsPerRow)
                {
                    throw new GenerationException($"{folder} shard {shard}: {MaxAttemptsPerRow:N0} draws of {variant.Name()} in a row gave only triplets drawn before; " +
                        "the pool has too few distinct ones left: lower --count or that variant's share in --mix.");
                }
                var (a, b, c) = sampler.Draw(variant, ref random);
                if (map is not null) (a, b, c) = (map[a], map[b], map[c]);
                var key = TripletKeySet.Key(a, b, c);
                if (held.Count > 0 && held.Contains(key)) continue;
                if (!keys.Add(key)) continue;
                rows.I[r] = (int)(key >> 42);
                rows.J[r] = (int)((key >> 21) & 0x1FFFFF);
                rows.K[r] = (int)(key & 0x1FFFFF);
                break;
            }
        }
        rows.Count = n;
    }

    private async Task<ShardEntry> WriteShardAsync(ShardRows rows, IReadOnlyList<string>? ids, string directory, string file, long[] counts, CancellationToken ct)
    {
        // One buffer for every shard (writes never overlap): a new 30 MB MemoryStream per shard left the GC holding hundreds of MB.
        var buffer = shardBytes;
        buffer.SetLength(0);
        await ShardFile.WriteAsync(rows, ids, buffer, ct);
        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        var entropy = new long[DatasetManifest.EntropyBins];
        for (var r = 0; r < rows.Count; r++)
        {
            var bin = (int)(rows.Entropy(r) / Math.Log(3) * DatasetManifest.EntropyBins);
            entropy[Math.Clamp(bin, 0, DatasetManifest.EntropyBins - 1)]++;
        }
        var path = Path.Combine(directory, file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        WriteAtomically(path, bytes.Span);
        var perVariant = SamplingVariants.All.Where(v => counts[(int)v] > 0).ToDictionary(v => v.Name(), v => counts[(int)v]);
        return new ShardEntry(file, rows.Count, Convert.ToHexStringLower(SHA256.HashData(bytes.Span)), perVariant, entropy);
    }

    private void WriteManifest(string directory, DatasetManifest manifest) => WriteAtomically(Path.Combine(directory, DatasetManifest.FileName), manifest.ToJson());

    /// <summary>Writes to a temporary name beside the target, flushes to disk, renames; a failure leaves no partial file.</summary>
    private void WriteAtomically(string path, ReadOnlySpan<byte> content)
    {
        var temporary = path + ".tmp";
        try
        {
            using (var stream = OpenForWriting(temporary))
            {
                stream.Write(content);
                if (stream is FileStream file) file.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch (IOException ex) when (IsDiskFull(ex))
        {
            TryDelete(temporary);
            throw new GenerationException($"the disk is full while writing {path}: free space (about {content.Length / 1_000_000 + 1} MB per shard) and run the same command again; it resumes after the last complete shard.", ex);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    internal static bool IsDiskFull(IOException ex) =>
        ex.HResult is 28 or unchecked((int)0x80070070) or unchecked((int)0x80070027) || ex.Message.Contains("No space left on device", StringComparison.OrdinalIgnoreCase);

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>
    /// Keeps the listed shards whose files exist with the listed SHA-256, up to the first that does not (a validation
    /// shard missing drops every training shard too), and deletes every other file in the shard folders: temporary
    /// files of an interrupted write and shards written after the manifest was last saved.
    /// </summary>
    private static DatasetManifest KeepVerifiedShards(DatasetManifest manifest, string directory)
    {
        static List<ShardEntry> Verified(IEnumerable<ShardEntry> shards, string directory) =>
            [.. shards.TakeWhile(s => File.Exists(Path.Combine(directory, s.File)) && Sha256(File.ReadAllBytes(Path.Combine(directory, s.File))) == s.Sha256)];
        var validation = Verified(manifest.ValidationShards, directory);
        var train = validation.Count == manifest.ValidationShards.Count ? Verified(manifest.TrainShards, directory) : [];
        var keep = validation.Concat(train).Select(s => Path.GetFullPath(Path.Combine(directory, s.File))).ToHashSet();
        foreach (var folder in new[] { ValidationFolder, TrainFolder })
        {
            var path = Path.Combine(directory, folder);
            if (!Directory.Exists(path)) continue;
            foreach (var file in Directory.EnumerateFiles(path).Where(f => !keep.Contains(Path.GetFullPath(f))).ToList()) File.Delete(file);
        }
        TryDelete(Path.Combine(directory, DatasetManifest.FileName + ".tmp"));
        return manifest with { ValidationShards = validation, TrainShards = train, Complete = false };
    }

    private static void RequireSameDataSet(DatasetManifest existing, GenerationParameters parameters, TeacherFingerprint teacher, PoolFingerprint pool, string directory)
    {
        string? Differs()
        {
            if (existing.Parameters != parameters) return $"other parameters ({existing.Parameters} there, {parameters} now)";
            if (existing.Teacher != teacher) return "another teacher";
            if (existing.Pool != pool) return "another pool (embeddings, ids or labels)";
            return null;
        }
        if (Differs() is { } why) throw new GenerationException($"{directory} holds a data set generated with {why}: rerun with the same inputs to resume it, or choose a new --out folder.");
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private void Report(string stage, long done, long total) => progress?.Report(new GenerationProgress(stage, done, total, clock.Elapsed.TotalSeconds));
}
