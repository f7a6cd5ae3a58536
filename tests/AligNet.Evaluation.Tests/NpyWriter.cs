using System.Buffers.Binary;
using System.Text;

namespace AligNet.Evaluation.Tests;

/// <summary>Writes .npy bytes exactly as NumPy lays them out, so the reader is tested against the format, not itself.</summary>
internal static class NpyWriter
{
    public static byte[] Write(double[,] values, string descr = "<f8", bool fortran = false, int version = 1)
    {
        var (rows, cols) = (values.GetLength(0), values.GetLength(1));
        var dict = $"{{'descr': '{descr}', 'fortran_order': {(fortran ? "True" : "False")}, 'shape': ({rows}, {cols}), }}";
        var prefix = version == 1 ? 10 : 12;
        var padded = dict.PadRight((prefix + dict.Length + 1 + 63) / 64 * 64 - prefix - 1) + "\n";
        using var stream = new MemoryStream();
        stream.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', (byte)version, 0]);
        var length = new byte[version == 1 ? 2 : 4];
        if (version == 1) BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)padded.Length);
        else BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)padded.Length);
        stream.Write(length);
        stream.Write(Encoding.Latin1.GetBytes(padded));
        var size = descr[^1] == '8' ? 8 : 4;
        var big = descr[0] == '>';
        var buffer = new byte[size];
        for (var n = 0; n < rows * cols; n++)
        {
            var (r, c) = fortran ? (n % rows, n / rows) : (n / cols, n % cols);
            if (size == 8)
            {
                if (big) BinaryPrimitives.WriteDoubleBigEndian(buffer, values[r, c]); else BinaryPrimitives.WriteDoubleLittleEndian(buffer, values[r, c]);
            }
            else
            {
                if (big) BinaryPrimitives.WriteSingleBigEndian(buffer, (float)values[r, c]); else BinaryPrimitives.WriteSingleLittleEndian(buffer, (float)values[r, c]);
            }
            stream.Write(buffer);
        }
        return stream.ToArray();
    }
}
