using AligNet.Ml.BaseModels;
using AligNet.Ml.Teacher;
using TorchSharp;
using static TorchSharp.torch;

namespace AligNet.Ml.Students.Images;

/// <summary>The image student's own settings: where training starts, the head, BatchNorm and the prefix cache.</summary>
/// <param name="CacheFolder">Also keep the frozen prefix's activations on disk here (null: memory only).</param>
/// <param name="Cache">False recomputes the frozen prefix at every step (the reference the cache is tested against).</param>
public sealed record ImageStudentOptions(TrainFrom TrainFrom = TrainFrom.Layer4, bool LinearHead = false, BatchNormPolicy BatchNorm = BatchNormPolicy.Frozen,
    string? CacheFolder = null, bool Cache = true);

/// <summary>
/// Trains a ResNet18 image student into a folder with the one student trainer and writes its artifact (the whole
/// network's weights and <c>manifest.json</c>): the path the CLI shares. Checkpoints go to <c>{folder}/checkpoints</c>.
/// </summary>
public static class ImageStudentRun
{
    public const string Kind = "resnet18";

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Onnx.GraphProto>> Graphs = new();

    /// <summary>The network built from the ONNX file, on <paramref name="device"/>.</summary>
    public static TrainableResNet18 CreateNetwork(ResNet18ModelFiles files, ImageStudentOptions image, Device device)
    {
        // The parsed file is kept per path: parsing 45 MB of protobuf costs a second or more, and each network copies the values it reads.
        var graph = Graphs.GetOrAdd(files.NetworkPath, path => new Lazy<Onnx.GraphProto>(() => OnnxModelFile.Read(path).Graph)).Value;
        var network = new TrainableResNet18(graph, image.TrainFrom, image.LinearHead, image.BatchNorm);
        network.to(device);
        return network;
    }

    /// <summary>The student before training, as the trainer's factory builds it (tests and benchmarks use it too).</summary>
    public static ImageStudent CreateStudent(ResNet18ModelFiles files, StudentImages images, ImageStudentOptions image, Device device) =>
        new(CreateNetwork(files, image, device), images, image.Cache ? new PrefixCache(image.CacheFolder, PrefixIdentity(files, image)) : null, device);

    public static string PrefixIdentity(ResNet18ModelFiles files, ImageStudentOptions image) => $"resnet18 {files.Version} prefix before {image.TrainFrom}";

    /// <summary>Everything besides the options and the data that a checkpoint must match.</summary>
    public static string RunIdentity(ResNet18ModelFiles files, StudentImages images, EmbeddingFingerprint pool, ImageStudentOptions image) =>
        $"image student {files.Version} {image.TrainFrom} head={image.LinearHead} bn={image.BatchNorm} images {images.Fingerprint()} pool {pool.Sha256}";

    public static StudentManifest Train(ResNet18ModelFiles files, StudentImages images, EmbeddingFingerprint pool, TripletDataset data, StudentOptions options,
        ImageStudentOptions image, string folder, IStudentProgress? progress, CancellationToken ct)
    {
        if (images.Count != pool.Rows)
        {
            throw new StudentDataException($"{images.Count} images for a pool of {pool.Rows} items: pass one image per row of the embeddings the data set was generated over.");
        }
        var checkpoints = Path.Combine(folder, EmbeddingStudentRun.CheckpointFolder);
        var (result, student) = new StudentTrainer(options, progress).Train(device => CreateStudent(files, images, image, device), data, checkpoints,
            RunIdentity(files, images, pool, image), ct);
        using (student)
        {
            var network = ((ImageStudent)student).Network;
            var spec = new ImageStudentSpec(image.TrainFrom, image.LinearHead, image.BatchNorm, files.Version, images.Count, images.Fingerprint());
            var manifest = new StudentManifest(StudentArtifact.FormatName, StudentArtifact.FormatVersion, Kind, StudentHeadKind.Linear, ResNet18Featurizer.EmbeddingSize,
                0, pool, StudentArtifact.Source(data), options, result, StudentArtifact.WeightsFile, "", spec);
            network.cpu();
            var saved = StudentArtifact.Save(folder, network, manifest);
            if (Directory.Exists(checkpoints)) Directory.Delete(checkpoints, recursive: true);
            return saved;
        }
    }

    /// <summary>A trained image student from its folder, on the CPU.</summary>
    public static (TrainableResNet18 Network, StudentManifest Manifest) Load(string directory, ResNet18ModelFiles files)
    {
        var (manifest, bytes) = StudentArtifact.Read(directory);
        var spec = manifest.Image ?? throw new StudentDataException($"{directory} holds an embedding student: pass --embeddings (not --images) to 'alignet student embed'.");
        if (spec.NetworkVersion != files.Version)
        {
            throw new StudentDataException($"{directory} was trained from ResNet18 {spec.NetworkVersion} and this program has {files.Version}: retrain the student with this version.");
        }
        var network = CreateNetwork(files, new ImageStudentOptions(spec.TrainFrom, spec.LinearHead, spec.BatchNorm), CPU);
        using var reader = new BinaryReader(new MemoryStream(bytes));
        network.load(reader);
        return (network, manifest);
    }

    /// <summary>The student's 512-d output per image, in order (rows × 512, row-major); <paramref name="cacheFolder"/>: read (and fill) the training run's prefix cache.</summary>
    public static float[] Embed(TrainableResNet18 network, StudentImages images, Device device, ResNet18ModelFiles? files = null, string? cacheFolder = null)
    {
        network.eval();
        using var cache = cacheFolder is null || files is null ? null
            : new PrefixCache(cacheFolder, PrefixIdentity(files, new ImageStudentOptions(network.TrainFrom, network.LinearHead, network.BatchNorm)));
        // Not disposed: that would dispose the caller's network (the cache is freed above).
        var student = new ImageStudent(network, images, cache, device);
        var values = new float[images.Count * ResNet18Featurizer.EmbeddingSize];
        using var _ = no_grad();
        for (var start = 0; start < images.Count; start += 32)
        {
            using var scope = NewDisposeScope();
            var items = Enumerable.Range(start, Math.Min(32, images.Count - start)).Select(i => (long)i).ToArray();
            student.Forward(items).cpu().data<float>().CopyTo(values, start * ResNet18Featurizer.EmbeddingSize);
        }
        return values;
    }
}
