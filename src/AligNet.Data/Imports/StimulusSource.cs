using System.IO.Compression;

namespace AligNet.Data.Imports;

/// <summary>Where stimulus files come from: a folder or a zip archive. Names are relative, with '/' separators.</summary>
public abstract class StimulusSource : IDisposable
{
    public abstract string Description { get; }

    /// <summary>The file's bytes, or null when the source has no such file.</summary>
    public abstract byte[]? Read(string name);

    public virtual void Dispose() => GC.SuppressFinalize(this);

    /// <summary>A folder or a .zip file, by path.</summary>
    public static StimulusSource Open(string path) =>
        Directory.Exists(path) ? new FolderSource(path)
        : File.Exists(path) && path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) ? ZipSource.OpenArchive(path)
        : throw new ImportValidationException(path, [new ImportProblem(null, null, "not a folder or a .zip file.")]);

    /// <summary>Manifest names may not leave the source: no absolute paths, no "..", no drive letters.</summary>
    public static bool IsSafeName(string name) =>
        name.Length > 0 && !name.StartsWith('/') && !name.StartsWith('\\') && !name.Contains(':')
        && !name.Replace('\\', '/').Split('/').Any(part => part is ".." or "");
}

internal sealed class FolderSource(string root) : StimulusSource
{
    private readonly string root = Path.GetFullPath(root);

    public override string Description => root;

    public override byte[]? Read(string name)
    {
        var path = Path.GetFullPath(Path.Combine(root, name));
        // Belt and braces beside IsSafeName: a symbolic link could still point outside the folder.
        if (!path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal)) return null;
        return File.Exists(path) ? File.ReadAllBytes(path) : null;
    }
}

/// <summary>
/// A zip archive, checked before anything is read: a bounded number of entries, a bounded total size and
/// compression ratio (zip bombs), and no entry name that would leave the archive (path traversal).
/// </summary>
internal sealed class ZipSource : StimulusSource
{
    public const int MaxEntries = 100_000;
    public const long MaxTotalBytes = 4L << 30;
    public const long MaxEntryBytes = 64L << 20;
    public const double MaxRatio = 200;

    private readonly ZipArchive archive;
    private readonly Dictionary<string, ZipArchiveEntry> entries;

    private ZipSource(string path, ZipArchive archive, Dictionary<string, ZipArchiveEntry> entries)
    {
        Description = path;
        this.archive = archive;
        this.entries = entries;
    }

    public override string Description { get; }

    public static ZipSource OpenArchive(string path)
    {
        ZipArchive archive;
        try
        {
            archive = ZipFile.OpenRead(path);
        }
        catch (InvalidDataException ex)
        {
            throw new ImportValidationException(path, [new ImportProblem(null, null, "not a readable zip archive: " + ex.Message)]);
        }
        var problems = new List<ImportProblem>();
        if (archive.Entries.Count > MaxEntries) problems.Add(new(null, null, $"{archive.Entries.Count} entries; at most {MaxEntries} are accepted."));
        long total = 0;
        var byName = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
        foreach (var entry in archive.Entries.Take(MaxEntries + 1))
        {
            if (entry.FullName.EndsWith('/')) continue; // a folder
            if (!IsSafeName(entry.FullName)) { problems.Add(new(null, entry.FullName, "entry name leaves the archive (absolute path or '..'); refused.")); continue; }
            total += entry.Length;
            if (entry.Length > MaxEntryBytes) problems.Add(new(null, entry.FullName, $"unpacks to {entry.Length:N0} bytes; at most {MaxEntryBytes:N0} per file."));
            else if (entry.CompressedLength > 0 && (double)entry.Length / entry.CompressedLength > MaxRatio) problems.Add(new(null, entry.FullName, $"compression ratio {(double)entry.Length / entry.CompressedLength:F0}:1 looks like a zip bomb; refused."));
            byName[entry.FullName] = entry;
        }
        if (total > MaxTotalBytes) problems.Add(new(null, null, $"unpacks to {total:N0} bytes; at most {MaxTotalBytes:N0} in all."));
        if (problems.Count > 0)
        {
            archive.Dispose();
            throw new ImportValidationException(path, problems);
        }
        return new ZipSource(path, archive, byName);
    }

    public override byte[]? Read(string name)
    {
        if (!entries.TryGetValue(name.Replace('\\', '/'), out var entry)) return null;
        using var stream = entry.Open();
        // Read no more than the declared size (+1 to notice a lie): the header's length is not trusted blindly.
        var buffer = new byte[entry.Length + 1];
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return read == entry.Length ? buffer[..read] : null;
    }

    public override void Dispose()
    {
        archive.Dispose();
        base.Dispose();
    }
}
