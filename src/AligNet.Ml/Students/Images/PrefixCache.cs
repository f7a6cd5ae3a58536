using System.Security.Cryptography;
using System.Text;
using static TorchSharp.torch;

namespace AligNet.Ml.Students.Images;

/// <summary>
/// The frozen prefix's output per image: in memory (on the training device) and, when given a folder, on disk as well
/// (one file per image: rank, shape, float32 values, written atomically), so that a rerun or a resumed run does not
/// recompute it. A disk entry is keyed by the prefix's identity (network file version, stages) and the image's
/// content, so a changed image or another <c>--train-from</c> never reads a stale activation.
/// </summary>
public sealed class PrefixCache(string? folder, string prefixIdentity) : IDisposable
{
    private readonly Dictionary<long, Tensor> memory = [];

    public int Computed { get; private set; }
    public int ReadFromDisk { get; private set; }

    public bool Contains(long item) => memory.ContainsKey(item);

    public Tensor Get(long item) => memory[item];

    /// <summary>The cached activation of <paramref name="item"/>, computing (and storing) it on a miss.</summary>
    public Tensor GetOrAdd(long item, string imageIdentity, Device device, Func<Tensor> compute)
    {
        if (memory.TryGetValue(item, out var hit)) return hit;
        var path = folder is null ? null : Path.Combine(folder, Key(imageIdentity) + ".f32");
        Tensor value;
        if (path is not null && File.Exists(path))
        {
            value = Read(path, device);
            ReadFromDisk++;
        }
        else
        {
            value = compute();
            Computed++;
            if (path is not null) Write(path, value);
        }
        value = value.detach().DetachFromDisposeScope();
        memory[item] = value;
        return value;
    }

    private string Key(string imageIdentity) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(prefixIdentity + "\n" + imageIdentity)))[..32];

    private static void Write(string path, Tensor value)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(value.shape.Length);
            foreach (var d in value.shape) writer.Write(d);
            foreach (var v in value.cpu().data<float>()) writer.Write(v);
        }
        AtomicFile.Write(path, buffer.ToArray());
    }

    private static Tensor Read(string path, Device device)
    {
        using var reader = new BinaryReader(File.OpenRead(path));
        var shape = new long[reader.ReadInt32()];
        for (var i = 0; i < shape.Length; i++) shape[i] = reader.ReadInt64();
        var values = new float[shape.Aggregate(1L, (a, b) => a * b)];
        for (var i = 0; i < values.Length; i++) values[i] = reader.ReadSingle();
        return tensor(values, shape, device: device);
    }

    public void Dispose()
    {
        foreach (var t in memory.Values) t.Dispose();
        memory.Clear();
    }
}
