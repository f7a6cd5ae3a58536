using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using static TorchSharp.torch;

namespace AligNet.Ml.Students.Images;

/// <summary>What one pass over the cache folder found and did.</summary>
/// <param name="InUse">Entries that should have gone but were open in a reader at that moment (kept; the next pass retries).</param>
public sealed record PrefixCachePruneReport(int Entries, long Bytes, int Removed, long RemovedBytes, int InUse, int StaleTemporaries)
{
    public long BytesAfter => Bytes - RemovedBytes;
}

/// <summary>
/// The on-disk entries of the frozen-prefix cache (ADR-026): one file per (prefix identity, image) named by a hash of
/// both, holding a header that repeats that hash, the shape, the float32 values and a SHA-256 of everything before it.
/// A truncated, corrupted or misnamed file fails the check and is recomputed, never trusted. Files are written under a
/// temporary name and renamed (never half-visible), read under a shared lock, and evicted least recently used first
/// (a read stamps the file's modification time) under an exclusive, non-blocking lock, so an entry a reader has open
/// is skipped, not deleted.
/// </summary>
public static class PrefixCacheFiles
{
    /// <summary>Part of every key: entries of an earlier layout get other names, are never opened and age out.</summary>
    public const string FormatVersion = "prefix-cache v2";
    public const string Extension = ".f32";

    private static readonly byte[] Magic = "APC2"u8.ToArray();
    private const int KeyBytes = 16, HashBytes = 32;

    /// <summary>A temporary file of a writer that died is removed after this long (a live writer renames within seconds).</summary>
    public static readonly TimeSpan StaleTemporaryAge = TimeSpan.FromHours(1);

    public static byte[] Key(string prefixIdentity, string imageIdentity) =>
        SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(FormatVersion + "\n" + prefixIdentity + "\n" + imageIdentity))[..KeyBytes];

    public static string PathOf(string folder, byte[] key) => Path.Combine(folder, Convert.ToHexStringLower(key) + Extension);

    /// <summary>Opens an entry as a reader does: shared, so that eviction (exclusive) skips it while it is open.</summary>
    public static FileStream OpenForReading(string path) => new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);

    /// <summary>The entry's values, or null when it is missing, being evicted, or fails the check (<paramref name="rejected"/> then true).</summary>
    public static Tensor? TryRead(string path, byte[] key, Device device, out bool rejected)
    {
        rejected = false;
        byte[] bytes;
        try
        {
            using var stream = OpenForReading(path);
            bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            // Least recently used = oldest stamp; a failed stamp (file just evicted) costs nothing but a recompute later.
            try { File.SetLastWriteTimeUtc(path, DateTime.UtcNow); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return null; // gone, or locked by an eviction in progress: a miss
        }
        if (Parse(bytes, key) is not { } entry)
        {
            rejected = true;
            return null;
        }
        return tensor(entry.Values, entry.Shape, device: device);
    }

    public static void Write(string path, byte[] key, Tensor value)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var shape = value.shape;
        var values = value.cpu().data<float>().ToArray();
        var length = Magic.Length + KeyBytes + 4 + 8 * shape.Length + 4L * values.Length;
        var bytes = new byte[length + HashBytes];
        var span = bytes.AsSpan();
        Magic.CopyTo(span);
        key.CopyTo(span[Magic.Length..]);
        var at = Magic.Length + KeyBytes;
        BinaryPrimitives.WriteInt32LittleEndian(span[at..], shape.Length);
        at += 4;
        foreach (var d in shape)
        {
            BinaryPrimitives.WriteInt64LittleEndian(span[at..], d);
            at += 8;
        }
        MemoryMarshal.AsBytes(values.AsSpan()).CopyTo(span[at..]);
        SHA256.HashData(span[..(int)length], span[(int)length..]);
        AtomicFile.Write(path, bytes);
    }

    private static (float[] Values, long[] Shape)? Parse(byte[] bytes, byte[] key)
    {
        var span = bytes.AsSpan();
        var header = Magic.Length + KeyBytes + 4;
        if (bytes.Length < header + HashBytes || !span[..Magic.Length].SequenceEqual(Magic) || !span.Slice(Magic.Length, KeyBytes).SequenceEqual(key)) return null;
        var rank = BinaryPrimitives.ReadInt32LittleEndian(span[(Magic.Length + KeyBytes)..]);
        if (rank is < 0 or > 8 || bytes.Length < header + 8 * rank + HashBytes) return null;
        var shape = new long[rank];
        var count = 1L;
        for (var i = 0; i < rank; i++)
        {
            shape[i] = BinaryPrimitives.ReadInt64LittleEndian(span[(header + 8 * i)..]);
            if (shape[i] < 0 || shape[i] > int.MaxValue) return null;
            count *= shape[i];
            if (count > int.MaxValue / 4) return null;
        }
        var payload = header + 8 * rank;
        var length = payload + 4 * count;
        if (bytes.Length != length + HashBytes) return null;
        if (!SHA256.HashData(span[..(int)length]).AsSpan().SequenceEqual(span[(int)length..])) return null;
        return (MemoryMarshal.Cast<byte, float>(span[payload..(int)length]).ToArray(), shape);
    }

    /// <summary>
    /// Deletes the least recently used entries until the folder holds at most <paramref name="budgetBytes"/>, skipping
    /// any entry a reader has open, and temporary files older than <see cref="StaleTemporaryAge"/>. Safe to run while
    /// trainings read and write, and from several processes at once.
    /// </summary>
    public static PrefixCachePruneReport Prune(string folder, long budgetBytes, DateTime? nowUtc = null)
    {
        if (!Directory.Exists(folder)) return new(0, 0, 0, 0, 0, 0);
        var now = nowUtc ?? DateTime.UtcNow;
        var directory = new DirectoryInfo(folder);
        var stale = 0;
        foreach (var temporary in directory.EnumerateFiles(".*.tmp"))
        {
            if (now - temporary.LastWriteTimeUtc < StaleTemporaryAge) continue;
            try { temporary.Delete(); stale++; } catch (IOException) { }
        }
        var entries = directory.EnumerateFiles("*" + Extension).OrderBy(f => f.LastWriteTimeUtc).ThenBy(f => f.Name, StringComparer.Ordinal).ToList();
        var bytes = entries.Sum(f => f.Length);
        long removedBytes = 0;
        int removed = 0, inUse = 0;
        foreach (var entry in entries)
        {
            if (bytes - removedBytes <= budgetBytes) break;
            switch (TryEvict(entry.FullName))
            {
                case true:
                    removed++;
                    removedBytes += entry.Length;
                    break;
                case false:
                    inUse++;
                    break;
                case null:
                    removedBytes += entry.Length; // another pruner took it first
                    break;
            }
        }
        return new(entries.Count, bytes, removed, removedBytes, inUse, stale);
    }

    /// <summary>True: deleted; false: open in a reader (kept); null: already gone.</summary>
    private static bool? TryEvict(string path)
    {
        try
        {
            // FileShare.None takes an exclusive, non-blocking lock (flock on Unix, a sharing mode on Windows): it fails
            // while a reader holds its shared one, and a reader that comes now finds the lock and treats it as a miss.
            using var exclusive = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None, bufferSize: 1);
            File.Delete(path);
            return true;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
