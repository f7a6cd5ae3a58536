using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using AligNet.Evaluation.Embeddings;

namespace AligNet.Ml.Teacher;

/// <summary>What manifest.json records beside the weights.</summary>
public sealed record TeacherManifest(
    string Format, int Version, EmbeddingFingerprint Embeddings, double Mean, double Deviation, double Temperature,
    string WeightsFile, string WeightsSha256, TeacherOptions? Options, double? ChosenLambda, SplitSizes? Split, TeacherMetrics? TestMetrics);

/// <summary>
/// A teacher on disk: <c>weights.bin</c> (a magic header, p, then W (p × p) and b (p) as little-endian float64) and
/// <c>manifest.json</c> (μ, σ, T, the base embeddings' shape and SHA-256, hyper-parameters, metrics, the weights' SHA-256).
/// Each file is written to a temporary name and renamed, weights first, so a crash never leaves a manifest that
/// points to half-written weights.
/// </summary>
public static class TeacherArtifact
{
    public const string FormatName = "alignet-teacher";
    public const int FormatVersion = 1;
    public const string ManifestFile = "manifest.json";
    public const string WeightsFile = "weights.bin";
    private static readonly byte[] Magic = "ALIGNET-TEACHER1"u8.ToArray();

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static void Save(string directory, TeacherModel model, TeacherResult? result = null)
    {
        Directory.CreateDirectory(directory);
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(model.Dimensions);
            foreach (var v in model.Weight) writer.Write(v);
            foreach (var v in model.Bias) writer.Write(v);
        }
        var weights = buffer.ToArray();
        WriteAtomically(Path.Combine(directory, WeightsFile), weights);
        var manifest = new TeacherManifest(FormatName, FormatVersion, model.Embeddings, model.Mean, model.Deviation, model.Temperature,
            WeightsFile, Convert.ToHexStringLower(SHA256.HashData(weights)), result?.Options, result?.ChosenLambda, result?.Split, result?.TestMetrics);
        WriteAtomically(Path.Combine(directory, ManifestFile), JsonSerializer.SerializeToUtf8Bytes(manifest, Json));
    }

    /// <summary>Loads a teacher and refuses it unless <paramref name="embeddings"/> are exactly the ones it was trained on.</summary>
    public static (TeacherModel Model, TeacherManifest Manifest) Load(string directory, EmbeddingMatrix embeddings)
    {
        var loaded = Load(directory);
        var given = EmbeddingFingerprint.Of(embeddings);
        if (given != loaded.Model.Embeddings)
        {
            throw new TeacherArtifactException($"The teacher in {directory} was trained on other embeddings ({loaded.Model.Embeddings}) than these ({given}): " +
                "pass the embeddings file it was trained on, or train a teacher on these with 'alignet teacher train'.");
        }
        return loaded;
    }

    public static (TeacherModel Model, TeacherManifest Manifest) Load(string directory)
    {
        var manifestPath = Path.Combine(directory, ManifestFile);
        if (!File.Exists(manifestPath)) throw new TeacherArtifactException($"{manifestPath} not found: point --model at a folder written by 'alignet teacher train'.");
        TeacherManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<TeacherManifest>(File.ReadAllBytes(manifestPath), Json);
        }
        catch (JsonException ex)
        {
            throw Corrupt(manifestPath, $"not valid JSON ({ex.Message})");
        }
        if (manifest?.Format != FormatName || manifest.Embeddings is null || manifest.WeightsSha256 is null) throw Corrupt(manifestPath, "not a teacher manifest");
        if (manifest.Version != FormatVersion) throw Corrupt(manifestPath, $"format version {manifest.Version}, this program reads {FormatVersion}");

        var weightsPath = Path.Combine(directory, WeightsFile);
        if (!File.Exists(weightsPath)) throw Corrupt(weightsPath, "missing");
        var bytes = File.ReadAllBytes(weightsPath);
        if (Convert.ToHexStringLower(SHA256.HashData(bytes)) != manifest.WeightsSha256) throw Corrupt(weightsPath, "its SHA-256 differs from the manifest's (damaged or from another teacher)");
        var p = manifest.Embeddings.Columns;
        if (bytes.Length != Magic.Length + 4 + 8L * (p * p + p) || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic) || BitConverter.ToInt32(bytes, Magic.Length) != p)
        {
            throw Corrupt(weightsPath, $"not teacher weights for {p} dimensions");
        }
        var values = new double[p * p + p];
        Buffer.BlockCopy(bytes, Magic.Length + 4, values, 0, values.Length * 8);
        var model = new TeacherModel(p, values[..(p * p)], values[(p * p)..], manifest.Mean, manifest.Deviation, manifest.Temperature, manifest.Embeddings);
        if (!(model.Deviation > 0) || !(model.Temperature > 0) || values.Any(v => !double.IsFinite(v))) throw Corrupt(manifestPath, "non-finite or non-positive parameters");
        return (model, manifest);
    }

    private static TeacherArtifactException Corrupt(string path, string why) =>
        new($"{path} is not a usable teacher artifact: {why}. Retrain with 'alignet teacher train --out …' (files are never edited in place).");

    private static void WriteAtomically(string path, byte[] content) => AtomicFile.Write(path, content);
}
