using System.Text.Json;
using AligNet.Ml.BaseModels;
using AligNet.Ml.Students.Images;
using Onnx;

/// <summary>
/// Writes the shipped ResNet18 for the PyTorch peer, which cannot read ONNX without packages Debian lacks: graph.json
/// (per stage: nodes with op, inputs, outputs and integer/float attributes; per initializer: shape and offset) and
/// weights.f32 (every initializer's float32 values, concatenated). The stages are the trainable port's own split.
/// </summary>
internal static class ExportForPeer
{
    public static void Write(GraphProto graph, string folder)
    {
        Directory.CreateDirectory(folder);
        var offsets = new Dictionary<string, object>();
        using (var weights = new BinaryWriter(File.Create(Path.Combine(folder, "weights.f32"))))
        {
            long at = 0;
            foreach (var initializer in graph.Initializer)
            {
                var values = OnnxModelFile.ReadFloats(initializer);
                foreach (var v in values) weights.Write(v);
                offsets[initializer.Name] = new { shape = initializer.Dims.ToArray(), offset = at };
                at += values.Length;
            }
        }
        var stages = TrainableResNet18.Stages(graph).Select(stage => new
        {
            name = stage.Name, input = stage.Input, output = stage.Output,
            nodes = stage.Nodes.Select(n => new
            {
                op = n.OpType, inputs = n.Input.ToArray(), outputs = n.Output.ToArray(),
                attributes = n.Attribute.ToDictionary(a => a.Name, a => a.Ints.Count > 0 ? (object)a.Ints.ToArray() : a.Type == AttributeProto.Types.AttributeType.Float ? a.F : a.I),
            }),
        });
        File.WriteAllText(Path.Combine(folder, "graph.json"), JsonSerializer.Serialize(new { initializers = offsets, stages }));
    }
}
