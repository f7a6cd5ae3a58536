using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;

namespace AligNet.Ml.BaseModels;

/// <summary>Reads ONNX files (protobuf, through OnnxSharp's generated onnx.proto types) into plain values.</summary>
public static class OnnxModelFile
{
    public static ModelProto Read(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            var model = ModelProto.Parser.ParseFrom(stream);
            if (model.Graph is null || model.Graph.Node.Count == 0)
            {
                throw new InvalidDataException($"ONNX file '{path}' holds no graph.");
            }
            return model;
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new InvalidDataException($"'{path}' is not a readable ONNX model: {e.Message}", e);
        }
    }

    /// <summary>The values of a float initializer, whichever of the two encodings the exporter chose.</summary>
    public static float[] ReadFloats(TensorProto tensor)
    {
        if (tensor.DataType != (int)TensorProto.Types.DataType.Float)
        {
            throw new NotSupportedException(
                $"Initializer '{tensor.Name}' has ONNX data type {tensor.DataType}; only float (1) is supported.");
        }
        if (tensor.DataLocation == TensorProto.Types.DataLocation.External)
        {
            throw new NotSupportedException($"Initializer '{tensor.Name}' keeps its data in an external file.");
        }
        var expected = tensor.Dims.Aggregate(1L, (product, dim) => product * dim);
        float[] values;
        if (tensor.RawData.Length > 0)
        {
            // raw_data is little-endian by the ONNX spec; reinterpreting the bytes is only right on such a machine.
            if (!BitConverter.IsLittleEndian)
            {
                throw new PlatformNotSupportedException("Reading ONNX raw_data needs a little-endian machine.");
            }
            values = MemoryMarshal.Cast<byte, float>(tensor.RawData.Span).ToArray();
        }
        else
        {
            values = [.. tensor.FloatData];
        }
        if (values.Length != expected)
        {
            throw new InvalidDataException(
                $"Initializer '{tensor.Name}' holds {values.Length} values for shape [{string.Join(",", tensor.Dims)}].");
        }
        return values;
    }
}
