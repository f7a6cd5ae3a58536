using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Onnx;

namespace AligNet.Benchmarks;

/// <summary>
/// ONNX Runtime on one of the shipped files with its batch dimension freed. The files declare batch 1, and ONNX
/// Runtime refuses other sizes; the ops (Conv, pools, BatchNormalization, elementwise) work on any batch, so naming
/// the first dimension of input and output "N" and dropping the recorded intermediate shapes is all it takes.
/// </summary>
internal sealed class OnnxRuntimeBatchSession : IDisposable
{
    private readonly InferenceSession session;
    private readonly string inputName;
    private readonly string outputName;

    public OnnxRuntimeBatchSession(string path, int threads, bool dynamicBatch)
    {
        var model = AligNet.Ml.BaseModels.OnnxModelFile.Read(path);
        if (dynamicBatch)
        {
            var inputs = model.Graph.Input.Where(input => model.Graph.Initializer.All(initializer => initializer.Name != input.Name));
            foreach (var value in inputs.Concat(model.Graph.Output))
            {
                value.Type.TensorType.Shape.Dim[0].DimParam = "N";
            }
            model.Graph.ValueInfo.Clear();
        }
        using var options = new SessionOptions
        {
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        session = new InferenceSession(model.ToByteArray(), options);
        inputName = session.InputNames.Single();
        outputName = session.OutputNames.Single();
    }

    /// <summary>Runs images N×3×224×224 (N = values / 150,528) through the graph as one batch.</summary>
    public float[] Run(float[] images)
    {
        long count = images.Length / (3 * 224 * 224);
        using var input = OrtValue.CreateTensorValueFromMemory(images, [count, 3, 224, 224]);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, [inputName], [input], [outputName]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    public void Dispose() => session.Dispose();
}
