using AligNet.Ml.BaseModels;
using Google.Protobuf;
using Onnx;
using TorchSharp;

namespace AligNet.Ml.Tests.BaseModels;

/// <summary>
/// The operators on cases the shipped ResNet18 never hits, against ONNX Runtime on a small hand-built graph: uneven
/// pads that are not equivalent to symmetric ones (explicit padding: zeros for Conv and AveragePool, −∞ for MaxPool).
/// </summary>
public sealed class OnnxOperatorTests
{
    [Fact]
    public void Uneven_pads_that_change_the_windows_match_OnnxRuntime()
    {
        // x [1,2,7,8] → Conv 3×3, pads [1,1,0,0] → [1,3,6,7] → MaxPool 3×3 stride 2, pads [0,1,1,0] → [1,3,3,3]
        //   → AveragePool 2×2, pads [1,0,0,1], count_include_pad=1 → [1,3,3,3]. No Relu: negative values make the
        //   −∞ padding of MaxPool matter.
        var random = new Random(5);
        var graph = new GraphProto { Name = "uneven-pads" };
        graph.Input.Add(TensorValue("x", 1, 2, 7, 8));
        graph.Output.Add(TensorValue("y", 1, 3, 3, 3));
        graph.Initializer.Add(RandomInitializer("w", random, 3, 2, 3, 3));
        graph.Initializer.Add(RandomInitializer("b", random, 3));
        graph.Node.Add(Node("Conv", ["x", "w", "b"], "c", Ints("kernel_shape", 3, 3), Ints("pads", 1, 1, 0, 0)));
        graph.Node.Add(Node("MaxPool", ["c"], "m", Ints("kernel_shape", 3, 3), Ints("strides", 2, 2), Ints("pads", 0, 1, 1, 0)));
        graph.Node.Add(Node("AveragePool", ["m"], "y", Ints("kernel_shape", 2, 2), Ints("pads", 1, 0, 0, 1), Int("count_include_pad", 1)));
        var model = new ModelProto { IrVersion = 3, Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 8 });
        var input = Enumerable.Range(0, 2 * 7 * 8).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();

        using var reference = new OnnxRuntimeReference(model.ToByteArray());
        var expected = reference.Run(input, [1, 2, 7, 8]);
        using var module = new OnnxGraphModule("uneven", graph);
        float[] actual;
        using (torch.NewDisposeScope())
        using (torch.no_grad())
        {
            actual = module.forward(torch.tensor(input, [1, 2, 7, 8])).data<float>().ToArray();
        }

        Assert.Equal(27, expected.Length);
        Assert.True(TuxPaintPhotos.MaxAbsDifference(expected, actual) <= 1e-6f, $"max abs difference {TuxPaintPhotos.MaxAbsDifference(expected, actual)}");
    }

    [Fact]
    public void An_operator_the_port_lacks_fails_the_load_naming_the_node()
    {
        var graph = new GraphProto { Name = "unknown-op" };
        graph.Input.Add(TensorValue("x", 1, 4));
        graph.Output.Add(TensorValue("y", 1, 4));
        graph.Node.Add(Node("Softmax", ["x"], "y"));
        graph.Node[0].Name = "classifier";

        var error = Assert.Throws<NotSupportedException>(() => new OnnxGraphModule("unknown", graph));

        Assert.Contains("'classifier'", error.Message);
        Assert.Contains("Softmax", error.Message);
    }

    private static NodeProto Node(string op, string[] inputs, string output, params AttributeProto[] attributes) =>
        OnnxTestNodes.Node(op, inputs, output, attributes);

    private static AttributeProto Ints(string name, params long[] values) => OnnxTestNodes.Ints(name, values);

    private static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    private static TensorProto RandomInitializer(string name, Random random, params long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        var count = (int)dims.Aggregate(1L, (product, dim) => product * dim);
        tensor.FloatData.AddRange(Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() - 0.5)));
        return tensor;
    }

    private static ValueInfoProto TensorValue(string name, params long[] dims)
    {
        var shape = new TensorShapeProto();
        shape.Dim.AddRange(dims.Select(dim => new TensorShapeProto.Types.Dimension { DimValue = dim }));
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }
}
