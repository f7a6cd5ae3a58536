using static TorchSharp.torch;

namespace AligNet.Ml.Students;

/// <summary>
/// What the trainer needs of a student, whatever its kind (a head over frozen embeddings, a network over images):
/// its trainable module and the outputs of given pool items. The trainer asks for each item of a batch once, however
/// many of the batch's triplets it appears in.
/// </summary>
public interface IStudentNetwork : IDisposable
{
    nn.Module Module { get; }

    /// <summary>Output rows (one per entry of <paramref name="items"/>, in order) of pool items; gradients flow to <see cref="Module"/>.</summary>
    Tensor Forward(long[] items);
}
