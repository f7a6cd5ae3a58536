using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using AligNet.Evaluation.Embeddings;
using AligNet.Ml.Generation;
using AligNet.Ml.Teacher;
using static TorchSharp.torch;

namespace AligNet.Ml.Students;

/// <summary>The data set a student learnt from: its manifest's SHA-256, the labeller and the pool.</summary>
public sealed record StudentDataSource(string Directory, string ManifestSha256, GenerationParameters Parameters, TeacherFingerprint Teacher, PoolFingerprint Pool, long TrainTriplets, long ValidationTriplets);

/// <summary>What manifest.json records beside the weights.</summary>
public sealed record StudentManifest(
    string Format, int Version, string Kind, StudentHeadKind Head, int Dimensions, int HiddenWidth, EmbeddingFingerprint Embeddings,
    StudentDataSource Data, StudentOptions Options, StudentResult? Result, string WeightsFile, string WeightsSha256, ImageStudentSpec? Image = null);

/// <summary>What an image student (kind <c>resnet18</c>) records beyond an embedding student's manifest.</summary>
public sealed record ImageStudentSpec(Images.TrainFrom TrainFrom, bool LinearHead, Images.BatchNormPolicy BatchNorm, string NetworkVersion, int Images, string ImagesSha256);

/// <summary>
/// An embedding-level student on disk: <c>weights.dat</c> (TorchSharp's module format) and <c>manifest.json</c>
/// (head, dimensions, data set, options, curve, the weights' SHA-256), each written atomically, weights first.
/// </summary>
public static class StudentArtifact
{
    public const string FormatName = "alignet-student";
    public const int FormatVersion = 1;
    public const string ManifestFile = "manifest.json";
    public const string WeightsFile = "weights.dat";

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static StudentDataSource Source(TripletDataset data) =>
        new(Path.GetFullPath(data.Directory), data.ManifestSha256, data.Manifest.Parameters, data.Manifest.Teacher, data.Manifest.Pool, data.Train.Count, data.Validation.Count);

    public static StudentManifest Save(string directory, nn.Module head, StudentManifest manifest)
    {
        Directory.CreateDirectory(directory);
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true)) head.save(writer);
        var weights = buffer.ToArray();
        AtomicFile.Write(Path.Combine(directory, WeightsFile), weights);
        var complete = manifest with { Format = FormatName, Version = FormatVersion, WeightsFile = WeightsFile, WeightsSha256 = Convert.ToHexStringLower(SHA256.HashData(weights)) };
        AtomicFile.Write(Path.Combine(directory, ManifestFile), JsonSerializer.SerializeToUtf8Bytes(complete, Json));
        return complete;
    }

    /// <summary>Loads the head (on the CPU) and its manifest, checking the weights' SHA-256.</summary>
    public static (nn.Module<Tensor, Tensor> Head, StudentManifest Manifest) Load(string directory)
    {
        var (manifest, bytes) = Read(directory);
        if (manifest.Image is not null) throw new StudentDataException($"{directory} holds an image student: pass --images (not --embeddings) to 'alignet student embed'.");
        var head = EmbeddingStudent.CreateHead(manifest.Head, manifest.Dimensions, manifest.HiddenWidth);
        using var reader = new BinaryReader(new MemoryStream(bytes));
        head.load(reader);
        return (head, manifest);
    }

    /// <summary>The manifest and the weights' bytes of any student, the bytes checked against the manifest's SHA-256.</summary>
    public static (StudentManifest Manifest, byte[] Weights) Read(string directory)
    {
        var path = Path.Combine(directory, ManifestFile);
        if (!File.Exists(path)) throw new StudentDataException($"{path} not found: point --model at a folder written by 'alignet student train'.");
        StudentManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<StudentManifest>(File.ReadAllBytes(path), Json);
        }
        catch (JsonException ex)
        {
            throw new StudentDataException($"{path} is not valid JSON ({ex.Message}): retrain with 'alignet student train'.", ex);
        }
        if (manifest?.Format != FormatName || manifest.WeightsSha256 is null) throw new StudentDataException($"{path} is not a student manifest: point --model at a folder written by 'alignet student train'.");
        if (manifest.Version != FormatVersion) throw new StudentDataException($"{path} has format version {manifest.Version}; this program reads {FormatVersion}: retrain the student.");
        var weightsPath = Path.Combine(directory, WeightsFile);
        if (!File.Exists(weightsPath)) throw new StudentDataException($"{weightsPath} is missing: retrain with 'alignet student train --out {directory}'.");
        var bytes = File.ReadAllBytes(weightsPath);
        if (Convert.ToHexStringLower(SHA256.HashData(bytes)) != manifest.WeightsSha256)
        {
            throw new StudentDataException($"{weightsPath} differs from its SHA-256 in the manifest (damaged or from another student): retrain with 'alignet student train'.");
        }
        return (manifest, bytes);
    }

    /// <summary>The student's output for every row of <paramref name="embeddings"/>, in row order (rows × dimensions, row-major).</summary>
    public static float[] Embed(nn.Module<Tensor, Tensor> head, StudentManifest manifest, EmbeddingMatrix embeddings)
    {
        if (embeddings.Columns != manifest.Dimensions)
        {
            throw new StudentDataException($"the embeddings have {embeddings.Columns} dimensions and this student takes {manifest.Dimensions}: pass embeddings of the base model it was trained on.");
        }
        if (embeddings.FirstNonFinite() is { } at) throw new StudentDataException($"embedding row {at.Row}, column {at.Column} is NaN or infinite: fix the embeddings file.");
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        head.eval();
        var x = tensor(Array.ConvertAll(embeddings.Values, v => (float)v), [embeddings.Rows, embeddings.Columns]);
        return head.forward(x).data<float>().ToArray();
    }
}
