using Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace AligNet.Ml.BaseModels;

/// <summary>
/// A TorchSharp module that runs an ONNX graph node by node, in the file's (topological) order, with the graph's
/// initializers as buffers. The shipped ResNet18 is a CNTK export whose layout (weights named ParameterNN, uneven
/// "same" pads, three blocks in the last stage) matches no torchvision model, so replaying the graph is what
/// reproduces it exactly. The module is a frozen featurizer: initializers are buffers, not parameters, so nothing
/// here trains or asks for gradients; <c>.to(device)</c> moves them like any module's state.
/// </summary>
public sealed class OnnxGraphModule : nn.Module<Tensor, Tensor>
{
    private sealed record Step(string[] Inputs, string[] Outputs, Func<Tensor[], Tensor[]> Run, string[] ReleasedAfter);

    private readonly string inputName;
    private readonly string outputName;
    private readonly List<Step> steps = [];
    private readonly Dictionary<string, string> valueNameByBufferName = [];

    public OnnxGraphModule(string name, GraphProto graph) : base(name)
    {
        // IR version 3 files list the initializers among the graph inputs too; the real input is the one left over.
        var initializerNames = graph.Initializer.Select(initializer => initializer.Name).ToHashSet();
        var inputs = graph.Input.Where(input => !initializerNames.Contains(input.Name)).ToList();
        if (inputs.Count != 1 || graph.Output.Count != 1)
        {
            throw new NotSupportedException(
                $"ONNX graph '{graph.Name}' has {inputs.Count} inputs and {graph.Output.Count} outputs; the port takes one of each.");
        }
        inputName = inputs[0].Name;
        outputName = graph.Output[0].Name;

        foreach (var initializer in graph.Initializer)
        {
            // Buffer names may not contain '.', which ONNX names may.
            var bufferName = initializer.Name.Replace('.', '_');
            if (!valueNameByBufferName.TryAdd(bufferName, initializer.Name))
            {
                throw new NotSupportedException($"ONNX initializers '{initializer.Name}' and '{valueNameByBufferName[bufferName]}' collide.");
            }
            register_buffer(bufferName, torch.tensor(OnnxModelFile.ReadFloats(initializer), [.. initializer.Dims]));
        }

        CompileSteps(graph, initializerNames);
        OperatorCounts = graph.Node.GroupBy(node => node.OpType).ToDictionary(group => group.Key, group => group.Count());
        eval();
    }

    /// <summary>How many nodes of each operator the graph has (what the port replays).</summary>
    public IReadOnlyDictionary<string, int> OperatorCounts { get; }

    public override Tensor forward(Tensor input)
    {
        var values = new Dictionary<string, Tensor>();
        foreach (var (bufferName, buffer) in named_buffers())
        {
            values[valueNameByBufferName[bufferName]] = buffer;
        }
        values[inputName] = input;
        foreach (var step in steps)
        {
            var outputs = step.Run([.. step.Inputs.Select(name => values[name])]);
            for (var i = 0; i < step.Outputs.Length; i++)
            {
                values[step.Outputs[i]] = outputs[i];
            }
            // Free each activation as soon as its last reader has run: a batch of 32 would otherwise hold every
            // activation of the network (≈ 1 GB) until the caller's dispose scope ends.
            foreach (var released in step.ReleasedAfter)
            {
                values.Remove(released, out var tensor);
                // An in-place op (Relu, Add, Sub) returns its dead input as its output: that one lives on.
                if (!outputs.Any(output => ReferenceEquals(output, tensor)))
                {
                    tensor!.Dispose();
                }
            }
        }
        return values[outputName];
    }

    private void CompileSteps(GraphProto graph, HashSet<string> initializerNames)
    {
        var lastReader = new Dictionary<string, int>();
        var defined = new HashSet<string>(initializerNames) { inputName };
        for (var index = 0; index < graph.Node.Count; index++)
        {
            var node = graph.Node[index];
            foreach (var input in node.Input)
            {
                if (!defined.Contains(input))
                {
                    throw new InvalidDataException(
                        $"ONNX node '{node.Name}' reads '{input}' before any node writes it: the graph is not in topological order.");
                }
                lastReader[input] = index;
            }
            defined.UnionWith(node.Output);
        }
        if (!defined.Contains(outputName))
        {
            throw new InvalidDataException($"No ONNX node writes the graph output '{outputName}'.");
        }

        // Only activations are released: never the caller's input, the weights, or the result.
        bool IsActivation(string value) => value != inputName && value != outputName && !initializerNames.Contains(value);
        var releasedAt = lastReader.Where(entry => IsActivation(entry.Key)).ToLookup(entry => entry.Value, entry => entry.Key);
        var views = new HashSet<string>();
        for (var index = 0; index < graph.Node.Count; index++)
        {
            var node = graph.Node[index];
            // An output nobody reads (none in these graphs) would never be released; release it right away.
            var unread = node.Output.Where(output => IsActivation(output) && !lastReader.ContainsKey(output));
            // Split's outputs are views of its input, which may still be read: never write into them.
            var firstInputDiesHere = node.Input.Count > 0 && releasedAt[index].Contains(node.Input[0]) && !views.Contains(node.Input[0]);
            if (node.OpType == "Split")
            {
                views.UnionWith(node.Output);
            }
            steps.Add(new Step([.. node.Input], [.. node.Output], OnnxOperators.Compile(node, firstInputDiesHere), [.. releasedAt[index], .. unread]));
        }
    }
}
