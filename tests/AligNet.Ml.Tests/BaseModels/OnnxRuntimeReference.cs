using Microsoft.ML.OnnxRuntime;

namespace AligNet.Ml.Tests.BaseModels;

/// <summary>
/// ONNX Runtime running an ONNX model (the shipped files exactly as shipped: batch 1, as they declare): the
/// reference the TorchSharp port must reproduce.
/// </summary>
internal sealed class OnnxRuntimeReference : IDisposable
{
    private static readonly long[] SingleImage = [1, 3, 224, 224];
    private readonly InferenceSession session;

    public OnnxRuntimeReference(string path)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 2 };
        session = new InferenceSession(path, options);
    }

    public OnnxRuntimeReference(byte[] model)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 2 };
        session = new InferenceSession(model, options);
    }

    /// <summary>One input (by default one image, 3×224×224 values) in; the graph's single output, flattened, out.</summary>
    public float[] Run(ReadOnlySpan<float> values, long[]? shape = null)
    {
        using var input = OrtValue.CreateTensorValueFromMemory(values.ToArray(), shape ?? SingleImage);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, [session.InputNames.Single()], [input], session.OutputNames);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    public void Dispose() => session.Dispose();
}
