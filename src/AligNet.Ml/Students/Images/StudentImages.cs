using System.Security.Cryptography;
using AligNet.Ml.BaseModels;
using static TorchSharp.torch;

namespace AligNet.Ml.Students.Images;

/// <summary>The images of a pool, one per pool row, as the network's input (after the fixed preprocessing).</summary>
public abstract class StudentImages
{
    public abstract int Count { get; }

    /// <summary>What identifies the image's content (the disk cache's key, a run's identity).</summary>
    public abstract string Identity(int item);

    /// <summary>The network's input for one item: 1 × 3 × H × W on <paramref name="device"/>, no gradients.</summary>
    public abstract Tensor Input(int item, Device device);

    /// <summary>One hash over every item's identity, in pool order.</summary>
    public string Fingerprint() =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join("\n", Enumerable.Range(0, Count).Select(Identity)))));
}

/// <summary>
/// Encoded PNG/JPEG files, decoded like the base model's embeddings (<see cref="StimulusImageDecoder"/>: white
/// background, letterboxed, 224²) and preprocessed by ResNetPreprocess.onnx, exactly as the inference port does.
/// </summary>
public sealed class EncodedStudentImages(IReadOnlyList<EncodedImage> images, OnnxGraphModule preprocessing) : StudentImages
{
    private readonly string[] identities = [.. images.Select(i => Convert.ToHexStringLower(SHA256.HashData(i.Bytes)))];

    public override int Count => images.Count;

    public IReadOnlyList<EncodedImage> Images => images;

    public override string Identity(int item) => identities[item];

    public override Tensor Input(int item, Device device)
    {
        using var _ = no_grad();
        float[] decoded;
        try
        {
            decoded = StimulusImageDecoder.DecodeToRgbPlanes(images[item]);
        }
        catch (InvalidDataException ex)
        {
            throw new StudentDataException($"{ex.Message} Replace or remove it (and regenerate the data set over the remaining images).", ex);
        }
        // Preprocessing (a subtraction) runs on the CPU, where the graph module lives; the result moves to the device.
        using var planes = tensor(decoded, [1, 3, StimulusImageDecoder.Size, StimulusImageDecoder.Size]);
        using var preprocessed = preprocessing.forward(planes);
        return preprocessed.to(device);
    }

    /// <summary>
    /// The pool's images from <paramref name="folder"/>: the files named in <paramref name="order"/> (one relative path
    /// per pool row), or else every PNG and JPEG under the folder (subfolders included) by relative path in ordinal order.
    /// </summary>
    public static IReadOnlyList<EncodedImage> ReadFolder(string folder, IReadOnlyList<string>? order = null)
    {
        if (order is not null)
        {
            return [.. order.Select((name, row) => File.Exists(Path.Combine(folder, name))
                ? new EncodedImage(name, File.ReadAllBytes(Path.Combine(folder, name)))
                : throw new StudentDataException($"row {row + 1} of the image list names {name}, which is not in {folder}: list paths relative to --images."))];
        }
        if (!Directory.Exists(folder)) throw new StudentDataException($"{folder} does not exist: pass --images a folder of PNG or JPEG files, one per pool row.");
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetExtension(f).ToLowerInvariant() is ".png" or ".jpg" or ".jpeg")
            .Select(f => Path.GetRelativePath(folder, f)).Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0) throw new StudentDataException($"{folder} holds no PNG or JPEG files: pass --images the folder of the data set's pool images.");
        return [.. files.Select(f => new EncodedImage(f, File.ReadAllBytes(Path.Combine(folder, f))))];
    }
}

/// <summary>Images already given as network inputs (tests and benchmarks): item t is rows[t], of shape 3 × H × W.</summary>
public sealed class TensorStudentImages(float[][] rows, int height, int width) : StudentImages
{
    public override int Count => rows.Length;

    public override string Identity(int item) => Convert.ToHexStringLower(SHA256.HashData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(rows[item].AsSpan())));

    public override Tensor Input(int item, Device device) => tensor(rows[item], [1, 3, height, width], device: device);

    /// <summary>Seeded uniform noise in [−100, 100] (the preprocessed range), <paramref name="count"/> images of side <paramref name="size"/>.</summary>
    public static TensorStudentImages Random(int count, int size, int seed)
    {
        var random = new Random(seed);
        return new([.. Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, 3 * size * size).Select(_ => (float)(random.NextDouble() * 200 - 100)).ToArray())], size, size);
    }
}

/// <summary>
/// Images already decoded to RGB planes (<see cref="BaseModels.StimulusImageDecoder"/>, e.g. corrupted copies), preprocessed
/// as <see cref="EncodedStudentImages"/> preprocesses the decoded file.
/// </summary>
public sealed class DecodedStudentImages(IReadOnlyList<float[]> planes, OnnxGraphModule preprocessing) : StudentImages
{
    public override int Count => planes.Count;

    public override string Identity(int item) => Convert.ToHexStringLower(SHA256.HashData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(planes[item].AsSpan())));

    public override Tensor Input(int item, Device device)
    {
        using var _ = no_grad();
        using var input = tensor(planes[item], [1, 3, BaseModels.StimulusImageDecoder.Size, BaseModels.StimulusImageDecoder.Size]);
        using var preprocessed = preprocessing.forward(input);
        return preprocessed.to(device);
    }
}
