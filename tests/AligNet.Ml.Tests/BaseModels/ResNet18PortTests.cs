using AligNet.Ml.BaseModels;
using TorchSharp;

namespace AligNet.Ml.Tests.BaseModels;

/// <summary>The TorchSharp replay of the shipped ONNX graphs against ONNX Runtime running the same files.</summary>
[Collection(nameof(ResNet18Collection))]
public sealed class ResNet18PortTests(ResNet18Fixture fixture)
{
    private const float Tolerance = 1e-4f;
    private readonly ResNet18Featurizer featurizer = fixture.Featurizer;

    [Fact]
    public void The_graphs_are_the_ones_the_port_was_written_for()
    {
        // CNTK's ResNet18: stem, then 2 + 2 + 2 + 3 residual blocks (one more than torchvision's last stage).
        var network = OnnxModelFile.Read(featurizer.Files.NetworkPath).Graph;
        Assert.Equal(
            new Dictionary<string, int> { ["Conv"] = 22, ["BatchNormalization"] = 22, ["Relu"] = 19, ["MaxPool"] = 1, ["Add"] = 9, ["AveragePool"] = 1 },
            network.Node.GroupBy(node => node.OpType).ToDictionary(group => group.Key, group => group.Count()));
        Assert.Equal(110, network.Initializer.Count);
        // The featurizer replays it with every BatchNormalization folded into its convolution: 22 weights, 22 biases.
        Assert.Equal(
            new Dictionary<string, int> { ["Conv"] = 22, ["Relu"] = 19, ["MaxPool"] = 1, ["Add"] = 9, ["AveragePool"] = 1 },
            featurizer.Network.OperatorCounts);
        Assert.Equal(44, featurizer.Network.buffers().Count());
        Assert.Equal(new Dictionary<string, int> { ["Split"] = 1, ["Concat"] = 1, ["Sub"] = 1 }, featurizer.Preprocessing.OperatorCounts);
        Assert.Equal("resnet18-onnx", featurizer.ModelId);
        Assert.Equal(ResNet18ModelFiles.PackagedVersion, featurizer.Version);
        Assert.Matches(@"^\d+\.\d+\.\d+$", featurizer.Version);
    }

    [Fact]
    public void Preprocessing_matches_ResNetPreprocess_onnx_in_OnnxRuntime()
    {
        var photos = TuxPaintPhotos.Load();
        var rgbPlanes = photos.SelectMany(StimulusImageDecoder.DecodeToRgbPlanes).ToArray();
        var expected = photos
            .SelectMany((_, index) => fixture.ReferencePreprocessing.Run(rgbPlanes.AsSpan(index * StimulusImageDecoder.ValuesPerImage, StimulusImageDecoder.ValuesPerImage)))
            .ToArray();

        var actual = RunOnCpu(featurizer.Preprocessing, rgbPlanes, photos.Count);

        var difference = TuxPaintPhotos.MaxAbsDifference(expected, actual);
        TestContext.Current.TestOutputHelper?.WriteLine($"preprocessing: max |TorchSharp − ONNX Runtime| = {difference:G3} over {photos.Count} photos");
        Assert.True(difference <= 1e-5f, $"max abs difference {difference}");
    }

    [Fact]
    public void The_network_matches_OnnxRuntime_on_the_same_preprocessed_photographs()
    {
        var photos = TuxPaintPhotos.Load();
        // Both sides get ONNX Runtime's own preprocessing output, so only the network's arithmetic is compared.
        var preprocessed = photos
            .SelectMany(photo => fixture.ReferencePreprocessing.Run(StimulusImageDecoder.DecodeToRgbPlanes(photo)))
            .ToArray();
        var expected = photos
            .SelectMany((_, index) => fixture.ReferenceNetwork.Run(preprocessed.AsSpan(index * StimulusImageDecoder.ValuesPerImage, StimulusImageDecoder.ValuesPerImage)))
            .ToArray();

        // The featurizer's network (BatchNormalization folded) and a node-for-node replay of the file.
        using var unfolded = new OnnxGraphModule("resnet18_unfolded", OnnxModelFile.Read(featurizer.Files.NetworkPath).Graph);
        var folded = TuxPaintPhotos.MaxAbsDifference(expected, RunOnCpu(featurizer.Network, preprocessed, photos.Count));
        var replayed = TuxPaintPhotos.MaxAbsDifference(expected, RunOnCpu(unfolded, preprocessed, photos.Count));

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"network: max |TorchSharp − ONNX Runtime| = {folded:G3} folded, {replayed:G3} node for node, " +
            $"over {photos.Count}×512 features (largest feature {expected.Max():G4})");
        Assert.True(folded <= Tolerance, $"folded: max abs difference {folded}");
        Assert.True(replayed <= Tolerance, $"node for node: max abs difference {replayed}");
    }

    [Fact]
    public void Embed_matches_the_OnnxRuntime_pipeline_end_to_end()
    {
        var photos = TuxPaintPhotos.Load();

        var embeddings = featurizer.Embed(photos);

        Assert.All(embeddings, embedding => Assert.Equal(ResNet18Featurizer.EmbeddingSize, embedding.Length));
        var differences = photos.Select((photo, index) =>
        {
            var expected = fixture.ReferenceNetwork.Run(fixture.ReferencePreprocessing.Run(StimulusImageDecoder.DecodeToRgbPlanes(photo)));
            return TuxPaintPhotos.MaxAbsDifference(expected, embeddings[index]);
        }).ToList();
        TestContext.Current.TestOutputHelper?.WriteLine($"Embed vs ONNX Runtime: max abs difference {differences.Max():G3}");
        Assert.All(differences, difference => Assert.True(difference <= Tolerance, $"max abs difference {difference}"));
        // Different photographs must give different embeddings (a constant output would pass the comparison only if
        // ONNX Runtime were broken the same way, but this says what is expected of a featurizer).
        Assert.NotEqual(embeddings[0], embeddings[^1]);
    }

    private static float[] RunOnCpu(OnnxGraphModule module, float[] images, int count)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var input = torch.tensor(images, [count, 3, StimulusImageDecoder.Size, StimulusImageDecoder.Size]);
        return module.forward(input).data<float>().ToArray();
    }
}
