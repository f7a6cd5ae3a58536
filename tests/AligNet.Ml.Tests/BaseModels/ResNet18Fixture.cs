using AligNet.Ml.BaseModels;
using TorchSharp;

namespace AligNet.Ml.Tests.BaseModels;

/// <summary>
/// One featurizer and the two ONNX Runtime references, loaded once for the ResNet18 tests (≈ 64 MB each).
/// The featurizer runs on the CPU: the comparison is about the port's arithmetic, and on CUDA cuDNN may use TF32
/// for convolutions, which no float32 tolerance of 1e-4 survives.
/// </summary>
public sealed class ResNet18Fixture : IDisposable
{
    public ResNet18Fixture()
    {
        Featurizer = new ResNet18Featurizer(device: torch.CPU);
        ReferencePreprocessing = new OnnxRuntimeReference(Featurizer.Files.PreprocessingPath);
        ReferenceNetwork = new OnnxRuntimeReference(Featurizer.Files.NetworkPath);
    }

    public ResNet18Featurizer Featurizer { get; }
    internal OnnxRuntimeReference ReferencePreprocessing { get; }
    internal OnnxRuntimeReference ReferenceNetwork { get; }

    public void Dispose()
    {
        ReferenceNetwork.Dispose();
        ReferencePreprocessing.Dispose();
        Featurizer.Dispose();
    }
}

[CollectionDefinition(nameof(ResNet18Collection))]
public sealed class ResNet18Collection : ICollectionFixture<ResNet18Fixture>;
