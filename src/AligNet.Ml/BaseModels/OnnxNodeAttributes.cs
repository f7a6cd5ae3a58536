using Onnx;

namespace AligNet.Ml.BaseModels;

/// <summary>
/// Typed access to one ONNX node's attributes. Nodes are checked when the graph is loaded, so an attribute the port
/// does not understand fails the load with the node's name instead of silently changing the arithmetic.
/// </summary>
internal sealed class OnnxNodeAttributes
{
    private readonly NodeProto node;
    private readonly Dictionary<string, AttributeProto> byName;

    public OnnxNodeAttributes(NodeProto node, params string[] understood)
    {
        this.node = node;
        byName = node.Attribute.ToDictionary(attribute => attribute.Name);
        var unknown = byName.Keys.Except(understood).ToList();
        if (unknown.Count > 0)
        {
            throw Unsupported($"attribute(s) {string.Join(", ", unknown)}");
        }
    }

    public long[] Ints(string name, long[] fallback) =>
        byName.TryGetValue(name, out var attribute) ? [.. attribute.Ints] : fallback;

    public long Int(string name, long fallback) =>
        byName.TryGetValue(name, out var attribute) ? attribute.I : fallback;

    public float Float(string name, float fallback) =>
        byName.TryGetValue(name, out var attribute) ? attribute.F : fallback;

    public string String(string name, string fallback) =>
        byName.TryGetValue(name, out var attribute) ? attribute.S.ToStringUtf8() : fallback;

    public NotSupportedException Unsupported(string what) =>
        new($"ONNX node '{node.Name}' ({node.OpType}) uses {what}, which the TorchSharp port does not support.");

    /// <summary>Rejects auto_pad modes other than explicit pads (the CNTK export writes NOTSET plus explicit pads).</summary>
    public void RequireExplicitPads()
    {
        var autoPad = String("auto_pad", "NOTSET");
        if (autoPad != "NOTSET")
        {
            throw Unsupported($"auto_pad={autoPad}");
        }
    }

    /// <summary>Requires a 2-D window (NCHW tensors), the only kind these image models use.</summary>
    public long[] Kernel2d(bool required)
    {
        var kernel = Ints("kernel_shape", []);
        if ((required || kernel.Length > 0) && kernel.Length != 2)
        {
            throw Unsupported($"kernel_shape of rank {kernel.Length} (only 2-D is supported)");
        }
        return kernel;
    }

    /// <summary>ONNX pads are [top, left, bottom, right]; see <see cref="SpatialPadding"/> for how they reach TorchSharp.</summary>
    public SpatialPadding Pads2d()
    {
        var pads = Ints("pads", [0, 0, 0, 0]);
        if (pads.Length != 4)
        {
            throw Unsupported($"pads of length {pads.Length} (2-D needs 4)");
        }
        return new SpatialPadding([pads[0], pads[1]], [pads[2], pads[3]]);
    }
}

/// <summary>
/// Padding of a 2-D window op, as [top, left] (<paramref name="Begin"/>) and [bottom, right] (<paramref name="End"/>).
/// TorchSharp's conv and pool ops take one pad per dimension for both sides. Uneven ONNX pads (CNTK writes
/// [3,3,2,2] and [1,1,0,0] for its "same" padding) can still go to the op as symmetric <c>Begin</c> pads when, for
/// the input at hand, that gives the same number of windows: the windows then start at the same places and the
/// extra cells at the end are never read. Otherwise the input is padded explicitly first, which costs a copy of it.
/// </summary>
internal sealed record SpatialPadding(long[] Begin, long[] End)
{
    /// <summary>Symmetric pads that give the same windows as these pads on an input of this height and width, or null.</summary>
    public long[]? SymmetricEquivalent(ReadOnlySpan<long> inputHeightWidth, ReadOnlySpan<long> window, ReadOnlySpan<long> strides)
    {
        for (var d = 0; d < 2; d++)
        {
            if (Begin[d] == End[d])
            {
                continue;
            }
            var explicitWindows = (inputHeightWidth[d] + Begin[d] + End[d] - window[d]) / strides[d];
            var symmetricWindows = (inputHeightWidth[d] + 2 * Begin[d] - window[d]) / strides[d];
            if (Begin[d] < End[d] || explicitWindows != symmetricWindows || explicitWindows < 0)
            {
                return null;
            }
        }
        return Begin;
    }

    /// <summary>The pads in F.pad's order, last dimension first: [left, right, top, bottom].</summary>
    public long[] ForExplicitPad => [Begin[1], End[1], Begin[0], End[0]];
}
