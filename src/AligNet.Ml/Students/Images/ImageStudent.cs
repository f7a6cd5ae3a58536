using TorchSharp;
using static TorchSharp.torch;

namespace AligNet.Ml.Students.Images;

/// <summary>
/// A network student over images: the trainable ResNet18 whose frozen prefix runs once per image (cached, unless
/// <paramref name="cache"/> is null) and whose trained stages run on the batch's distinct images (the trainer asks
/// for each once). The prefix runs image by image, so a cached activation is bit for bit the one computed afresh.
/// </summary>
public sealed class ImageStudent(TrainableResNet18 network, StudentImages images, PrefixCache? cache, Device device) : IStudentNetwork
{
    /// <summary>Images per forward when no gradients are wanted (validation, embedding): bounds the memory of a whole-pool pass.</summary>
    private const int EvaluationChunk = 32;

    public TrainableResNet18 Network { get; } = network;

    public nn.Module Module => Network;

    public Tensor Forward(long[] items)
    {
        if (is_grad_enabled()) return Network.Suffix(Prefix(items));
        var parts = new List<Tensor>();
        for (var start = 0; start < items.Length; start += EvaluationChunk)
        {
            parts.Add(Network.Suffix(Prefix(items[start..Math.Min(items.Length, start + EvaluationChunk)])));
        }
        return parts.Count == 1 ? parts[0] : cat(parts, 0);
    }

    private Tensor Prefix(long[] items)
    {
        using var _ = no_grad();
        var rows = items.Select(item => cache is null
            ? Compute(item)
            : cache.GetOrAdd(item, images.Identity((int)item), device, () => Compute(item))).ToArray();
        return cat(rows, 0);
    }

    private Tensor Compute(long item)
    {
        using var scope = NewDisposeScope();
        return Network.Prefix(images.Input((int)item, device)).MoveToOuterDisposeScope();
    }

    public void Dispose()
    {
        cache?.Dispose();
        Network.Dispose();
    }
}
