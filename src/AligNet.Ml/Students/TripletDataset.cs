using System.Security.Cryptography;
using AligNet.Ml.Generation;
using AligNet.Ml.Teacher;

namespace AligNet.Ml.Students;

/// <summary>One split of an AligNet data set in memory: pool rows i, j, k and the soft label p = softmax(logits), N × 3.</summary>
public sealed record TripletSplitData(int[] I, int[] J, int[] K, float[] P)
{
    public int Count => I.Length;
}

/// <summary>
/// An AligNet data set as the student trainer reads it: the manifest (<see cref="DatasetManifest"/>), every listed
/// shard checked against its SHA-256, and the rows checked against the pool the student is trained on.
/// </summary>
public sealed record TripletDataset(string Directory, DatasetManifest Manifest, string ManifestSha256, TripletSplitData Train, TripletSplitData Validation)
{
    /// <summary>Loads the data set in <paramref name="directory"/> for a pool with this fingerprint; refuses anything that does not fit.</summary>
    public static async Task<TripletDataset> LoadAsync(string directory, EmbeddingFingerprint pool, CancellationToken ct = default)
    {
        var manifestPath = Path.Combine(directory, DatasetManifest.FileName);
        if (!File.Exists(manifestPath)) throw new StudentDataException($"{manifestPath} not found: point --data at a folder written by 'alignet generate'.");
        DatasetManifest manifest;
        try
        {
            manifest = DatasetManifest.TryLoad(directory)!;
        }
        catch (GenerationException ex)
        {
            throw new StudentDataException(ex.Message, ex);
        }
        if (!manifest.Complete) throw new StudentDataException($"the data set in {directory} is incomplete: run the same 'alignet generate' command again to finish it.");
        var p = manifest.Pool;
        if (p.Columns != pool.Columns)
        {
            throw new StudentDataException($"the data set in {directory} was generated over {p.Columns}-dimensional embeddings and these have {pool.Columns}: " +
                "pass the embeddings of the base model the data set was generated from.");
        }
        if (p.Rows != pool.Rows || p.EmbeddingsSha256 != pool.Sha256)
        {
            throw new StudentDataException($"the data set in {directory} indexes another pool ({p.Rows} × {p.Columns}, sha256 {p.EmbeddingsSha256[..12]}…) than these embeddings ({pool}): " +
                "pass the embeddings file the data set was generated from, or generate a data set over these with 'alignet generate'.");
        }
        if (manifest.TrainShards.Count == 0) throw new StudentDataException($"the data set in {directory} has no training shards: generate it with --count of at least 1.");
        var train = await ReadSplitAsync(directory, manifest.TrainShards, pool.Rows, ct);
        var validation = await ReadSplitAsync(directory, manifest.ValidationShards, pool.Rows, ct);
        var sha = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(manifestPath, ct)));
        return new TripletDataset(directory, manifest, sha, train, validation);
    }

    private static async Task<TripletSplitData> ReadSplitAsync(string directory, IReadOnlyList<ShardEntry> shards, int poolRows, CancellationToken ct)
    {
        var total = shards.Sum(s => s.Rows);
        var (i, j, k, p) = (new int[total], new int[total], new int[total], new float[3 * total]);
        var at = 0;
        foreach (var shard in shards)
        {
            var path = Path.Combine(directory, shard.File);
            if (!File.Exists(path)) throw new StudentDataException($"{path} is listed in the manifest but missing: run the 'alignet generate' command that made the data set again (it regenerates missing shards), or copy the whole folder.");
            var bytes = await File.ReadAllBytesAsync(path, ct);
            if (Convert.ToHexStringLower(SHA256.HashData(bytes)) != shard.Sha256)
            {
                throw new StudentDataException($"{path} differs from its SHA-256 in the manifest (damaged or from another data set): run the 'alignet generate' command that made it again to rewrite it.");
            }
            ShardFile.Content content;
            try
            {
                content = await ShardFile.ReadAsync(path, ct);
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or NotSupportedException)
            {
                throw new StudentDataException($"{path} is not a triplet shard ({ex.Message}): regenerate the data set.", ex);
            }
            if (content.I.Length != shard.Rows) throw new StudentDataException($"{path} holds {content.I.Length} rows, the manifest says {shard.Rows}: regenerate the data set.");
            for (var r = 0; r < content.I.Length; r++, at++)
            {
                var (a, b, c) = (content.I[r], content.J[r], content.K[r]);
                if ((uint)a >= poolRows || (uint)b >= poolRows || (uint)c >= poolRows || a == b || a == c || b == c)
                {
                    throw new StudentDataException($"{path}, row {r + 1}: items ({a}, {b}, {c}) are not three distinct rows of a {poolRows}-item pool: regenerate the data set over these embeddings.");
                }
                var (lij, lik, ljk) = (content.LogitIj[r], content.LogitIk[r], content.LogitJk[r]);
                if (!float.IsFinite(lij) || !float.IsFinite(lik) || !float.IsFinite(ljk))
                {
                    throw new StudentDataException($"{path}, row {r + 1}: a label logit is NaN or infinite: regenerate the data set with a teacher whose weights are finite.");
                }
                (i[at], j[at], k[at]) = (a, b, c);
                var (pij, pik, pjk) = SoftLabels.Softmax(lij, lik, ljk);
                (p[3 * at], p[3 * at + 1], p[3 * at + 2]) = ((float)pij, (float)pik, (float)pjk);
            }
        }
        return new TripletSplitData(i, j, k, p);
    }
}
