using static TorchSharp.torch;

namespace AligNet.Ml.Students.Images;

/// <summary>
/// The frozen prefix's output per image: in memory (on the training device) and, when given a folder, on disk as well
/// (<see cref="PrefixCacheFiles"/>: checked, written atomically, pruned least recently used first), so that a rerun or
/// a resumed run does not recompute it. A disk entry is keyed by the prefix's identity (network file version, stages),
/// the image's content and the file layout, so a changed image or another <c>--train-from</c> never reads a stale
/// activation. An entry is read once per run and then held in memory, so eviction during a run costs at most a recompute.
/// </summary>
public sealed class PrefixCache(string? folder, string prefixIdentity) : IDisposable
{
    private readonly Dictionary<long, Tensor> memory = [];

    public int Computed { get; private set; }
    public int ReadFromDisk { get; private set; }

    /// <summary>Disk entries that failed the check (truncated, corrupted, another key) and were recomputed and rewritten.</summary>
    public int Rejected { get; private set; }

    public bool Contains(long item) => memory.ContainsKey(item);

    public Tensor Get(long item) => memory[item];

    /// <summary>The cached activation of <paramref name="item"/>, computing (and storing) it on a miss.</summary>
    public Tensor GetOrAdd(long item, string imageIdentity, Device device, Func<Tensor> compute)
    {
        if (memory.TryGetValue(item, out var hit)) return hit;
        var key = PrefixCacheFiles.Key(prefixIdentity, imageIdentity);
        var path = folder is null ? null : PrefixCacheFiles.PathOf(folder, key);
        Tensor value;
        var rejected = false;
        if (path is not null && PrefixCacheFiles.TryRead(path, key, device, out rejected) is { } read)
        {
            value = read;
            ReadFromDisk++;
        }
        else
        {
            if (rejected) Rejected++;
            value = compute();
            Computed++;
            if (path is not null) PrefixCacheFiles.Write(path, key, value);
        }
        value = value.detach().DetachFromDisposeScope();
        memory[item] = value;
        return value;
    }

    public void Dispose()
    {
        foreach (var t in memory.Values) t.Dispose();
        memory.Clear();
    }
}
