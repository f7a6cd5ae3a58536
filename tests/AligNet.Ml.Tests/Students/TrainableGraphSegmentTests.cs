using AligNet.Ml.Students.Images;
using static AligNet.Ml.Tests.BaseModels.OnnxTestNodes;
using Onnx;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace AligNet.Ml.Tests.Students;

/// <summary>
/// Conv → BatchNormalization → ReLU replayed by <see cref="TrainableGraphSegment"/> (BatchNorm folded into the
/// convolution's weights where the output outnumbers them, ReLU in place; ADR-030) against libtorch's own conv2d,
/// batch_norm and relu on copies of the same weights: same output, same gradients for W, γ and β.
/// </summary>
public sealed class TrainableGraphSegmentTests
{
    [Theory]
    [InlineData(2, 4, 16, BatchNormPolicy.Frozen)]  // output 2·8·16² = 4,096 values > 288 weights: folded
    [InlineData(1, 64, 2, BatchNormPolicy.Frozen)]  // output 1·8·2² = 32 values < 4,608 weights: conv and BatchNorm apart
    [InlineData(2, 4, 16, BatchNormPolicy.Batch)]   // batch statistics while training: never folded
    public void Output_and_gradients_equal_libtorchs_conv_batch_norm_and_relu(int batch, int channels, int size, BatchNormPolicy policy)
    {
        var random = new Random(7);
        var initializers = new Dictionary<string, TensorProto>
        {
            ["w"] = Initializer("w", random, 0, [8, channels, 3, 3]),
            ["gamma"] = Initializer("gamma", random, 1, [8]),
            ["beta"] = Initializer("beta", random, 0, [8]),
            ["mean"] = Initializer("mean", random, 0, [8]),
            ["var"] = Initializer("var", random, 1, [8]),
        };
        var conv = Node("Conv", ["x", "w"], "c", Ints("pads", 1, 1, 1, 1), Ints("kernel_shape", 3, 3));
        var nodes = new[] { conv, Node("BatchNormalization", ["c", "gamma", "beta", "mean", "var"], "b"), Node("Relu", ["b"], "y") };
        using var segment = new TrainableGraphSegment("segment", nodes, "x", "y", initializers, policy);
        segment.train();
        var parameters = segment.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var buffers = segment.named_buffers().ToDictionary(b => b.name, b => b.buffer);
        var reference = new[] { "w", "gamma", "beta" }.ToDictionary(n => n, n => parameters[n].detach().clone().requires_grad_(true));
        var (mean, variance) = (buffers["mean"].detach().clone(), buffers["var"].detach().clone());

        var generator = new Generator(11);
        var x = randn([batch, channels, size, size], generator: generator);
        var weights = randn([batch, 8, size, size], generator: generator);
        var actual = segment.forward(x);
        (actual * weights).sum().backward();
        var expected = F.relu(F.batch_norm(F.conv2d(x, reference["w"], padding: [1, 1]), mean, variance, reference["gamma"], reference["beta"],
            training: policy == BatchNormPolicy.Batch, momentum: 0.1, eps: 1e-5));
        (expected * weights).sum().backward();

        AssertClose(expected, actual, "output");
        foreach (var name in reference.Keys) AssertClose(reference[name].grad!, parameters[name].grad!, $"gradient of {name}");
        if (policy == BatchNormPolicy.Batch) AssertClose(mean, buffers["mean"], "running mean"); // updated like libtorch's
    }

    private static void AssertClose(Tensor expected, Tensor actual, string what)
    {
        var scale = expected.abs().max().item<float>();
        var difference = (expected - actual).abs().max().item<float>();
        Assert.True(scale > 0, $"{what} is all zero: the test would prove nothing");
        Assert.True(difference <= 1e-5f * Math.Max(1, scale), $"{what}: {difference} apart (largest value {scale})");
    }

    private static TensorProto Initializer(string name, Random random, float offset, long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        var count = (int)dims.Aggregate(1L, (product, dim) => product * dim);
        tensor.FloatData.AddRange(Enumerable.Range(0, count).Select(_ => offset + (float)(random.NextDouble() - 0.5)));
        return tensor;
    }
}
