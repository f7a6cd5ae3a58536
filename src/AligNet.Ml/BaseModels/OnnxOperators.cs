using Onnx;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace AligNet.Ml.BaseModels;

/// <summary>
/// The ONNX operators (opset 8 semantics) that the shipped ResNet18 and its preprocessing graph use, each turned into
/// a TorchSharp call when the graph is loaded. Only these are implemented: inspecting the two graphs found Conv,
/// BatchNormalization, Relu, MaxPool, AveragePool, Add (ResNet18.onnx) and Split, Concat, Sub (ResNetPreprocess.onnx).
/// Anything else fails the load, naming the node.
/// </summary>
internal static class OnnxOperators
{
    /// <summary>The node as a TorchSharp call; its attributes are checked now, so a bad node fails the load.</summary>
    /// <param name="node">An ONNX node.</param>
    /// <param name="firstInputDiesHere">
    /// True when this node is the last reader of its first input, an activation nobody else holds: Relu, Add and Sub
    /// may then write into it instead of allocating a new tensor (one fewer allocation of up to 100 MB per node).
    /// </param>
    public static Func<Tensor[], Tensor[]> Compile(NodeProto node, bool firstInputDiesHere)
    {
        if (node.OpType == "Split")
        {
            return Split(node);
        }
        Func<Tensor[], Tensor> single = node.OpType switch
        {
            "Conv" => Conv(node),
            "BatchNormalization" => BatchNormalization(node),
            "Relu" => Elementwise(node, inputs => firstInputDiesHere ? inputs[0].relu_() : F.relu(inputs[0])),
            "Add" => Elementwise(node, inputs => CanOverwrite(inputs) ? inputs[0].add_(inputs[1]) : inputs[0] + inputs[1]),
            "Sub" => Elementwise(node, inputs => CanOverwrite(inputs) ? inputs[0].sub_(inputs[1]) : inputs[0] - inputs[1]),
            "MaxPool" => MaxPool(node),
            "AveragePool" => AveragePool(node),
            "Concat" => Concat(node),
            _ => throw new NotSupportedException(
                $"ONNX node '{node.Name}' uses operator {node.OpType}, which the TorchSharp port does not support."),
        };
        RequireSingleOutput(node);
        return inputs => [single(inputs)];

        // In place only when the result has the first input's shape: the second input broadcasts into the first.
        bool CanOverwrite(Tensor[] inputs) => firstInputDiesHere && BroadcastsInto(inputs[0].shape, inputs[1].shape);
    }

    private static Func<Tensor[], Tensor> Conv(NodeProto node)
    {
        var attributes = new OnnxNodeAttributes(node, "kernel_shape", "strides", "pads", "dilations", "group", "auto_pad");
        attributes.RequireExplicitPads();
        attributes.Kernel2d(required: false);
        var strides = attributes.Ints("strides", [1, 1]);
        var dilations = attributes.Ints("dilations", [1, 1]);
        var groups = attributes.Int("group", 1);
        var padding = attributes.Pads2d();
        return inputs =>
        {
            var (input, weight) = (inputs[0], inputs[1]);
            var bias = inputs.Length > 2 ? inputs[2] : null;
            long[] window = [(weight.shape[2] - 1) * dilations[0] + 1, (weight.shape[3] - 1) * dilations[1] + 1];
            if (padding.SymmetricEquivalent(input.shape.AsSpan(2), window, strides) is { } symmetric)
            {
                return F.conv2d(input, weight, bias, strides, symmetric, dilations, groups);
            }
            using var padded = F.pad(input, padding.ForExplicitPad);
            return F.conv2d(padded, weight, bias, strides, [0, 0], dilations, groups);
        };
    }

    private static Func<Tensor[], Tensor> BatchNormalization(NodeProto node)
    {
        // Opset 8 inference form: inputs X, scale, B, mean, var; spatial=1 means one statistic per channel.
        var attributes = new OnnxNodeAttributes(node, "epsilon", "momentum", "spatial");
        if (attributes.Int("spatial", 1) != 1)
        {
            throw attributes.Unsupported("spatial=0 (per-activation statistics)");
        }
        var epsilon = attributes.Float("epsilon", 1e-5f);
        return inputs => F.batch_norm(inputs[0], inputs[3], inputs[4], inputs[1], inputs[2], training: false, eps: epsilon);
    }

    private static Func<Tensor[], Tensor> MaxPool(NodeProto node)
    {
        var attributes = new OnnxNodeAttributes(node, "kernel_shape", "strides", "pads", "auto_pad", "storage_order");
        attributes.RequireExplicitPads();
        if (attributes.Int("storage_order", 0) != 0)
        {
            throw attributes.Unsupported("storage_order=1");
        }
        var kernel = attributes.Kernel2d(required: true);
        var strides = attributes.Ints("strides", [1, 1]);
        var padding = attributes.Pads2d();
        return inputs =>
        {
            if (padding.SymmetricEquivalent(inputs[0].shape.AsSpan(2), kernel, strides) is { } symmetric)
            {
                return F.max_pool2d(inputs[0], kernel, strides, symmetric);
            }
            // Padding must never win a max: pad with −∞, as ONNX Runtime does.
            using var padded = F.pad(inputs[0], padding.ForExplicitPad, PaddingModes.Constant, double.NegativeInfinity);
            return F.max_pool2d(padded, kernel, strides);
        };
    }

    private static Func<Tensor[], Tensor> AveragePool(NodeProto node)
    {
        var attributes = new OnnxNodeAttributes(node, "kernel_shape", "strides", "pads", "auto_pad", "count_include_pad");
        attributes.RequireExplicitPads();
        var kernel = attributes.Kernel2d(required: true);
        var strides = attributes.Ints("strides", [1, 1]);
        var countPadding = attributes.Int("count_include_pad", 0) != 0;
        var padding = attributes.Pads2d();
        return inputs =>
        {
            if (padding.SymmetricEquivalent(inputs[0].shape.AsSpan(2), kernel, strides) is { } symmetric)
            {
                return F.avg_pool2d(inputs[0], kernel, strides, symmetric, count_include_pad: countPadding);
            }
            if (!countPadding)
            {
                // Zero-padding first would count the padded cells in the divisor, and torch has no uneven pad here.
                throw attributes.Unsupported($"uneven pads with count_include_pad=0 on input [{string.Join(",", inputs[0].shape)}]");
            }
            using var padded = F.pad(inputs[0], padding.ForExplicitPad);
            return F.avg_pool2d(padded, kernel, strides);
        };
    }

    private static Func<Tensor[], Tensor> Concat(NodeProto node)
    {
        var axis = new OnnxNodeAttributes(node, "axis").Int("axis", 1);
        return inputs => torch.cat(inputs, axis);
    }

    private static Func<Tensor[], Tensor[]> Split(NodeProto node)
    {
        var attributes = new OnnxNodeAttributes(node, "axis", "split");
        var axis = attributes.Int("axis", 0);
        var sizes = attributes.Ints("split", []);
        if (sizes.Length > 0 && sizes.Length != node.Output.Count)
        {
            throw attributes.Unsupported($"a split of {sizes.Length} parts into {node.Output.Count} outputs");
        }
        return inputs =>
        {
            // Without "split", ONNX cuts the axis into as many equal parts as there are outputs.
            var parts = sizes.Length > 0
                ? sizes
                : Enumerable.Repeat(inputs[0].shape[axis] / node.Output.Count, node.Output.Count).ToArray();
            return torch.split(inputs[0], parts, axis);
        };
    }

    private static Func<Tensor[], Tensor> Elementwise(NodeProto node, Func<Tensor[], Tensor> operation)
    {
        // Opset ≥ 7 broadcasts like NumPy, as torch does; a legacy "broadcast"/"axis" attribute would mean otherwise.
        _ = new OnnxNodeAttributes(node);
        return operation;
    }

    private static bool BroadcastsInto(long[] target, long[] other) =>
        other.Length <= target.Length
        && other.Select((size, index) => size == 1 || size == target[target.Length - other.Length + index]).All(fits => fits);

    private static void RequireSingleOutput(NodeProto node)
    {
        if (node.Output.Count != 1)
        {
            throw new NotSupportedException(
                $"ONNX node '{node.Name}' ({node.OpType}) has {node.Output.Count} outputs; the port computes only the first " +
                "(inference form), so a graph that uses the others is not supported.");
        }
    }
}
