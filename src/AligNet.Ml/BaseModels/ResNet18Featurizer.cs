using TorchSharp;
using static TorchSharp.torch;

namespace AligNet.Ml.BaseModels;

/// <summary>
/// Base-model embeddings: the pretrained ResNet18 from ML.NET's featurizer package, replayed in TorchSharp on
/// <see cref="ComputeDevice.Select"/>'s device. Each image gives 512 floats (the network's global average pool).
/// Embeddings are stored per (stimulus, <see cref="ModelId"/>, <see cref="Version"/>).
/// Loading reads 64 MB and takes about a second: make one and reuse it. One call at a time per instance.
/// </summary>
public sealed class ResNet18Featurizer : IDisposable
{
    public const int EmbeddingSize = 512;

    public ResNet18Featurizer(ResNet18ModelFiles? files = null, Device? device = null)
    {
        Files = files ?? ResNet18ModelFiles.InOutputDirectory();
        Device = device ?? ComputeDevice.Select();
        Preprocessing = new OnnxGraphModule("resnet_preprocess", OnnxModelFile.Read(Files.PreprocessingPath).Graph);
        try
        {
            Network = new OnnxGraphModule("resnet18", BatchNormFolding.Apply(OnnxModelFile.Read(Files.NetworkPath).Graph));
        }
        catch
        {
            Preprocessing.Dispose();
            throw;
        }
        Preprocessing.to(Device);
        Network.to(Device);
    }

    /// <summary>The model name stored with every embedding.</summary>
    public const string Model = "resnet18-onnx";

    public string ModelId => Model;

    /// <summary>The version of the model files (the NuGet package's version for the packaged files).</summary>
    public string Version => Files.Version;

    public ResNet18ModelFiles Files { get; }

    public Device Device { get; }

    /// <summary>ResNetPreprocess.onnx: RGB planes on 0–255 → BGR minus the mean image.</summary>
    public OnnxGraphModule Preprocessing { get; }

    /// <summary>ResNet18.onnx with its BatchNormalizations folded into the convolutions: preprocessed [N,3,224,224] → [N,512,1,1].</summary>
    public OnnxGraphModule Network { get; }

    /// <summary>Embeds encoded images that have no names; errors name them by position ("image #3").</summary>
    public float[][] Embed(IReadOnlyList<byte[]> encodedImages, int batchSize = 32)
    {
        ArgumentNullException.ThrowIfNull(encodedImages);
        return Embed([.. encodedImages.Select((bytes, index) => new EncodedImage($"image #{index}", bytes))], batchSize);
    }

    /// <summary>
    /// One 512-d embedding per image, in order. An image that is not a readable PNG or JPEG throws
    /// <see cref="InvalidDataException"/> naming it; images are decoded batch by batch.
    /// </summary>
    public float[][] Embed(IReadOnlyList<EncodedImage> images, int batchSize = 32)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var embeddings = new float[images.Count][];
        for (var start = 0; start < images.Count; start += batchSize)
        {
            var count = Math.Min(batchSize, images.Count - start);
            var rgbPlanes = new float[count * StimulusImageDecoder.ValuesPerImage];
            for (var i = 0; i < count; i++)
            {
                StimulusImageDecoder.DecodeToRgbPlanes(
                    images[start + i],
                    rgbPlanes.AsSpan(i * StimulusImageDecoder.ValuesPerImage, StimulusImageDecoder.ValuesPerImage));
            }
            var features = EmbedRgbPlanes(rgbPlanes);
            for (var i = 0; i < count; i++)
            {
                embeddings[start + i] = features.AsSpan(i * EmbeddingSize, EmbeddingSize).ToArray();
            }
        }
        return embeddings;
    }

    /// <summary>
    /// Runs preprocessing and network on decoded images (see <see cref="StimulusImageDecoder"/>): N×3×224×224 RGB
    /// values on 0–255 in, N×512 features out (row-major), as one batch.
    /// </summary>
    public float[] EmbedRgbPlanes(float[] rgbPlanes)
    {
        ArgumentNullException.ThrowIfNull(rgbPlanes);
        if (rgbPlanes.Length == 0 || rgbPlanes.Length % StimulusImageDecoder.ValuesPerImage != 0)
        {
            throw new ArgumentException(
                $"Expected a multiple of {StimulusImageDecoder.ValuesPerImage} values (3×224×224 per image).", nameof(rgbPlanes));
        }
        long count = rgbPlanes.Length / StimulusImageDecoder.ValuesPerImage;
        // One scope per batch frees every tensor of the batch (input, views, result) when it ends; no_grad keeps
        // autograd from recording a graph that nothing will differentiate.
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var input = torch.tensor(rgbPlanes, [count, 3, StimulusImageDecoder.Size, StimulusImageDecoder.Size]).to(Device);
        var features = Network.forward(Preprocessing.forward(input));
        if (!features.shape.SequenceEqual([count, EmbeddingSize, 1, 1]))
        {
            throw new InvalidDataException(
                $"'{Files.NetworkPath}' produced features of shape [{string.Join(",", features.shape)}], not [{count},{EmbeddingSize},1,1].");
        }
        return features.reshape(count, EmbeddingSize).cpu().data<float>().ToArray();
    }

    public void Dispose()
    {
        Network.Dispose();
        Preprocessing.Dispose();
    }
}
