using Onnx;
using AligNet.Ml.BaseModels;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AligNet.Ml.Students.Images;

/// <summary>One stage of the shipped ResNet18: its nodes in file order, the activation it reads and the one it writes.</summary>
public sealed record ResNet18Stage(string Name, IReadOnlyList<NodeProto> Nodes, string Input, string Output);

/// <summary>Where training starts: every stage (<see cref="All"/>, the stem included) or a stage and all after it.</summary>
public enum TrainFrom
{
    All = 0,
    Layer1 = 1,
    Layer2 = 2,
    Layer3 = 3,
    Layer4 = 4,
}

/// <summary>
/// The shipped ResNet18 (ML.NET's CNTK export, the inference port's file) as a trainable TorchSharp network: stem,
/// layer1 … layer4 (2 + 2 + 2 + 3 blocks) and the global pool, each a <see cref="TrainableGraphSegment"/>, and an
/// optional linear head (512 × 512 at the identity, so the student starts as the base model either way). Stages before
/// <see cref="TrainFrom"/> are frozen (no gradients) and run as a <see cref="Prefix"/>, whose output an image student
/// caches per image; <see cref="Suffix"/> is what trains.
/// </summary>
public sealed class TrainableResNet18 : nn.Module<Tensor, Tensor>
{
    public static readonly string[] StageNames = ["stem", "layer1", "layer2", "layer3", "layer4", "pool"];

    private readonly ModuleList<TrainableGraphSegment> stages;
    private readonly LinearHead? head;

    public TrainableResNet18(GraphProto network, TrainFrom trainFrom, bool linearHead, BatchNormPolicy batchNorm) : base(nameof(TrainableResNet18))
    {
        var initializers = network.Initializer.ToDictionary(t => t.Name);
        stages = new ModuleList<TrainableGraphSegment>([.. Stages(network).Select(s => new TrainableGraphSegment(s.Name, s.Nodes, s.Input, s.Output, initializers, batchNorm))]);
        head = linearHead ? new LinearHead(ResNet18Featurizer.EmbeddingSize) : null;
        (TrainFrom, LinearHead, BatchNorm) = (trainFrom, linearHead, batchNorm);
        RegisterComponents();
        for (var s = 0; s < (int)trainFrom; s++)
        {
            foreach (var p in stages[s].parameters()) p.requires_grad = false;
        }
    }

    public TrainFrom TrainFrom { get; }
    public bool LinearHead { get; }
    public BatchNormPolicy BatchNorm { get; }

    /// <summary>The frozen stages on a preprocessed input (nothing when training starts at the stem).</summary>
    public Tensor Prefix(Tensor input)
    {
        var x = input;
        for (var s = 0; s < (int)TrainFrom; s++) x = stages[s].forward(x);
        return x;
    }

    /// <summary>The trained stages, the pool and the head on the prefix's output: N × 512.</summary>
    public Tensor Suffix(Tensor prefix)
    {
        // Training from the stem runs channels-last (NHWC in memory, same shapes and values): the stem's 3 × 3 max
        // pool over 32 × 64 × 112 × 112 takes 113 ms a pass in libtorch's NCHW kernel and 6 ms in its channels-last one,
        // and oneDNN convolves NHWC without reordering activations — an all-stages step 10 % faster (ADR-030). From
        // layer4 on, NCHW measured faster (benchmarks/README.md); layer1–3 follow layer4 (not measured apart).
        var x = TrainFrom == TrainFrom.All ? ChannelsLast(prefix) : prefix.alias();
        for (var s = (int)TrainFrom; s < stages.Count; s++)
        {
            var next = stages[s].forward(x);
            x.Dispose();
            x = next;
        }
        x = x.flatten(1);
        return head is null ? x : head.forward(x);
    }

    public override Tensor forward(Tensor input) => Suffix(Prefix(input));

    /// <summary>The same N × C × H × W tensor stored channels-last (this TorchSharp has no memory_format argument).</summary>
    private static Tensor ChannelsLast(Tensor nchw)
    {
        using var nhwc = nchw.permute(0, 2, 3, 1);
        using var dense = nhwc.contiguous();
        return dense.permute(0, 3, 1, 2);
    }


    /// <summary>
    /// Cuts the graph into its stages: everything up to the max pool is the stem, the average pool is the pool, and each
    /// other node belongs to the layer of its output's channel count (64, 128, 256, 512). Each stage must be one
    /// contiguous run of nodes with one activation in and one out, or the file is not the one this was written for.
    /// </summary>
    public static List<ResNet18Stage> Stages(GraphProto graph)
    {
        var initializerNames = graph.Initializer.Select(t => t.Name).ToHashSet();
        var channels = graph.Initializer.Where(t => t.Dims.Count == 4).ToDictionary(t => t.Name, t => t.Dims[0]);
        var input = graph.Input.Single(i => !initializerNames.Contains(i.Name)).Name;
        var channelsOf = new Dictionary<string, long> { [input] = 3 };
        var afterStem = false;
        var labels = new List<string>();
        foreach (var node in graph.Node)
        {
            var c = node.OpType == "Conv" ? channels[node.Input[1]] : channelsOf[node.Input[0]];
            channelsOf[node.Output.Single()] = c;
            labels.Add(node.OpType == "AveragePool" ? "pool" : !afterStem ? "stem" : c switch { 64 => "layer1", 128 => "layer2", 256 => "layer3", 512 => "layer4", _ => "?" });
            afterStem |= node.OpType == "MaxPool";
        }
        var segments = new List<ResNet18Stage>();
        for (var start = 0; start < labels.Count;)
        {
            var end = start;
            while (end < labels.Count && labels[end] == labels[start]) end++;
            var nodes = graph.Node.Skip(start).Take(end - start).ToList();
            var produced = nodes.SelectMany(n => n.Output).ToHashSet();
            var reads = nodes.SelectMany(n => n.Input).Where(v => !produced.Contains(v) && !initializerNames.Contains(v)).Distinct().ToList();
            var readLater = graph.Node.Skip(end).SelectMany(n => n.Input).Concat(graph.Output.Select(o => o.Name)).Where(produced.Contains).Distinct().ToList();
            if (reads.Count != 1 || readLater.Count != 1) throw new NotSupportedException($"ResNet18 stage '{labels[start]}' has {reads.Count} inputs and {readLater.Count} outputs; the trainable port expects one of each.");
            segments.Add(new ResNet18Stage(labels[start], nodes, reads[0], readLater[0]));
            start = end;
        }
        if (!segments.Select(s => s.Name).SequenceEqual(StageNames))
        {
            throw new NotSupportedException($"ResNet18.onnx splits into stages {string.Join(", ", segments.Select(s => s.Name))}, not {string.Join(", ", StageNames)}.");
        }
        return segments;
    }
}
