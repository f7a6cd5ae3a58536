using Onnx;
using AligNet.Ml.BaseModels;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace AligNet.Ml.Students.Images;

/// <summary>How BatchNormalization behaves in the trainable stages of an image student.</summary>
public enum BatchNormPolicy
{
    /// <summary>The pretrained running statistics, always (the default): γ and β train, mean and variance never change.</summary>
    Frozen,

    /// <summary>Batch statistics while training (gradients on) and running statistics updated (momentum 0.1); frozen in evaluation.</summary>
    Batch,
}

/// <summary>
/// A contiguous run of ONNX nodes (one stage of the CNTK ResNet18) replayed with its weights as parameters: convolution
/// weights and BatchNormalization's γ, β train; the running mean and variance are buffers. Unlike the inference port
/// (<see cref="OnnxGraphModule"/>), which folds once, a Conv → BatchNorm pair is folded on every forward from the
/// current weights (and only where that is cheaper, see <see cref="CompileConvBatchNorm"/>), so autograd still trains
/// W, γ and β; only ReLUs write in place (ADR-030). The global average pool is a mean over the spatial axes (what the file's 7 × 7 pool is on a
/// 224² input), so that small test images work too.
/// </summary>
public sealed class TrainableGraphSegment : nn.Module<Tensor, Tensor>
{
    /// <param name="Dead">Activations read for the last time by this step, freed right after it (see <see cref="forward"/>).</param>
    private sealed record Step(string[] Inputs, string Output, Func<Tensor[], Tensor> Run, string[] Dead);

    private readonly string inputName;
    private readonly string outputName;
    private readonly List<Step> steps = [];
    private readonly Dictionary<string, string> valueNameByStateName = [];

    public TrainableGraphSegment(string name, IReadOnlyList<NodeProto> nodes, string input, string output,
        IReadOnlyDictionary<string, TensorProto> initializers, BatchNormPolicy policy) : base(name)
    {
        (inputName, outputName) = (input, output);
        foreach (var node in nodes)
        {
            for (var i = 1; i < node.Input.Count; i++)
            {
                if (!initializers.TryGetValue(node.Input[i], out var initializer)) continue;
                var stateName = initializer.Name.Replace('.', '_');
                if (!valueNameByStateName.TryAdd(stateName, initializer.Name)) continue;
                var value = torch.tensor(OnnxModelFile.ReadFloats(initializer), [.. initializer.Dims]);
                // BatchNormalization inputs 3 and 4 are the running mean and variance: state, not weights.
                if (node.OpType == "BatchNormalization" && i >= 3) register_buffer(stateName, value);
                else register_parameter(stateName, new Parameter(value));
            }
        }
        // A Conv whose output only its BatchNormalization reads becomes one step (see CompileConvBatchNorm).
        var readers = nodes.SelectMany(n => n.Input).GroupBy(n => n).ToDictionary(g => g.Key, g => g.Count());
        for (var n = 0; n < nodes.Count; n++)
        {
            var node = nodes[n];
            if (node.OpType == "Conv" && n + 1 < nodes.Count && nodes[n + 1] is { OpType: "BatchNormalization" } batchNorm
                && batchNorm.Input[0] == node.Output.Single() && readers[node.Output[0]] == 1 && node.Output[0] != output)
            {
                steps.Add(new Step([.. node.Input, .. batchNorm.Input.Skip(1)], batchNorm.Output.Single(), CompileConvBatchNorm(node, batchNorm, policy), []));
                n++;
                continue;
            }
            // A ReLU may overwrite its input when nothing else reads it: none of the producers here (Conv,
            // BatchNorm, Add) keeps its output for the backward, and ReLU's own backward needs only its output.
            var inPlace = node.OpType == "Relu" && readers[node.Input[0]] == 1 && node.Input[0] != input;
            steps.Add(new Step([.. node.Input], node.Output.Single(), inPlace ? inputs => inputs[0].relu_() : Compile(node, policy), []));
        }
        RegisterComponents();
        // An activation dies at the step that reads it last (never the segment's input or output, nor a weight).
        var lastReader = new Dictionary<string, int>();
        for (var s = 0; s < steps.Count; s++)
        {
            foreach (var read in steps[s].Inputs.Where(n => n != input && !initializers.ContainsKey(n))) lastReader[read] = s;
        }
        for (var s = 0; s < steps.Count; s++)
        {
            steps[s] = steps[s] with { Dead = [.. lastReader.Where(kv => kv.Value == s && kv.Key != output).Select(kv => kv.Key).Distinct()] };
        }
    }

    public override Tensor forward(Tensor input)
    {
        var values = new Dictionary<string, Tensor> { [inputName] = input };
        foreach (var (name, parameter) in named_parameters(recurse: false)) values[valueNameByStateName[name]] = parameter;
        foreach (var (name, buffer) in named_buffers(recurse: false)) values[valueNameByStateName[name]] = buffer;
        foreach (var step in steps)
        {
            values[step.Output] = step.Run([.. step.Inputs.Select(name => values[name])]);
            // Free each activation as soon as no later node reads it, as Python's reference counting does: autograd
            // keeps its own reference to what backward needs, so this only releases the rest (the BatchNorm outputs
            // the ReLUs replace, the pre-activation sums …) instead of holding them until the caller's dispose scope
            // ends. Peak memory of an all-stages step at batch 32: 3.0 → 1.9 GB (the PyTorch peer's).
            foreach (var name in step.Dead)
            {
                // An in-place ReLU returns its dead input as its output: that one lives on.
                if (!ReferenceEquals(values[name], values[step.Output])) values[name].Dispose();
            }
        }
        return values[outputName];
    }

    /// <summary>
    /// Conv → BatchNormalization as one step. With frozen statistics (the default policy, and any policy outside
    /// training) the normalisation is an affine map per channel, so it is applied to the convolution's weights, not
    /// its output: W·s and β − μ·s (+ b·s), s = γ/√(σ² + ε), computed each forward from the trainable W, γ, β, so
    /// autograd still trains all three (ADR-030). The activations see one pass instead of two in the forward, and the
    /// backward skips BatchNorm's passes over the gradient and the saved input — the same fold the inference port
    /// makes once (<see cref="BatchNormFolding"/>), made here on every forward because W, γ and β change. Batch
    /// statistics while training are not affine in the input: that case runs the convolution and BatchNorm apart.
    /// </summary>
    private Func<Tensor[], Tensor> CompileConvBatchNorm(NodeProto conv, NodeProto batchNorm, BatchNormPolicy policy)
    {
        var convolution = OnnxOperators.Compile(conv, firstInputDiesHere: false);
        var normalization = Compile(batchNorm, policy);
        var convInputs = conv.Input.Count;
        var strides = conv.Attribute.FirstOrDefault(a => a.Name == "strides")?.Ints.ToArray() ?? [1, 1];
        return inputs =>
        {
            // inputs: the conv's (x, W[, b]) then the BatchNorm's γ, β, μ, σ².
            var (gamma, beta, mean, variance) = (inputs[convInputs], inputs[convInputs + 1], inputs[convInputs + 2], inputs[convInputs + 3]);
            // Folding costs passes over the weights (forward: W·s; backward: two more), unfolding passes over the
            // activations: fold where the output has more values than the weights (stem … layer3 at 224²), not
            // in layer4 (7 × 7 × 512 per image against 3 × 3 × 512 × 512 weights).
            var (x, w) = (inputs[0], inputs[1]);
            var outputValues = x.shape[0] * w.shape[0] * (x.shape[2] / strides[0]) * (x.shape[3] / strides[1]);
            if ((policy == BatchNormPolicy.Batch && training && is_grad_enabled()) || outputValues < w.numel())
            {
                using var unnormalised = convolution(inputs[..convInputs])[0];
                return normalization([unnormalised, gamma, beta, mean, variance]);
            }
            using var scale = gamma * (variance + BatchNormEpsilon(batchNorm)).rsqrt();
            using var weight = inputs[1] * scale.reshape(-1, 1, 1, 1);
            using var shifted = beta - mean * scale;
            using var bias = convInputs > 2 ? shifted + inputs[2] * scale : shifted.alias();
            return convolution([inputs[0], weight, bias])[0];
        };
    }

    private static float BatchNormEpsilon(NodeProto batchNorm) => batchNorm.Attribute.FirstOrDefault(a => a.Name == "epsilon")?.F ?? 1e-5f;

    private Func<Tensor[], Tensor> Compile(NodeProto node, BatchNormPolicy policy)
    {
        switch (node.OpType)
        {
            case "BatchNormalization":
                var epsilon = BatchNormEpsilon(node);
                if (node.Attribute.Any(a => a.Name == "spatial" && a.I != 1)) throw new NotSupportedException($"ONNX node '{node.Name}' uses per-activation statistics (spatial=0).");
                return inputs => F.batch_norm(inputs[0], inputs[3], inputs[4], inputs[1], inputs[2],
                    training: policy == BatchNormPolicy.Batch && training && is_grad_enabled(), momentum: 0.1, eps: epsilon);
            case "AveragePool":
                var pads = node.Attribute.FirstOrDefault(a => a.Name == "pads")?.Ints ?? [];
                if (pads.Any(p => p != 0)) throw new NotSupportedException($"ONNX node '{node.Name}' is a padded average pool, not the global pool the trainable port expects.");
                return inputs => inputs[0].mean([2, 3], keepdim: true);
            default:
                // Conv, Relu, Add, MaxPool: the inference port's operators, never in place.
                var run = OnnxOperators.Compile(node, firstInputDiesHere: false);
                return inputs => run(inputs)[0];
        }
    }
}
