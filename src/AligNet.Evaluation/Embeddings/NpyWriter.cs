using System.Buffers.Binary;
using System.Text;

namespace AligNet.Evaluation.Embeddings;

/// <summary>
/// Writes a 2-D little-endian float32 NumPy <c>.npy</c> file (format 1.0): the magic, the header dict padded with
/// spaces to a multiple of 64 bytes and ended by a newline, then the values in C order. <see cref="NpyReader"/> and
/// NumPy read it back.
/// </summary>
public static class NpyWriter
{
    public static byte[] Float32(int rows, int columns, ReadOnlySpan<float> values)
    {
        if ((long)rows * columns != values.Length) throw new ArgumentException($"{values.Length} values do not fill a {rows} × {columns} matrix.", nameof(values));
        var dict = $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({rows}, {columns}), }}";
        const int Preamble = 10; // magic (6), version (2), header length (2)
        var padded = (Preamble + dict.Length + 1 + 63) / 64 * 64 - Preamble;
        var header = dict.PadRight(padded - 1) + "\n";
        var bytes = new byte[Preamble + padded + 4L * values.Length];
        bytes[0] = 0x93;
        "NUMPY"u8.CopyTo(bytes.AsSpan(1));
        (bytes[6], bytes[7]) = (1, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)padded);
        Encoding.Latin1.GetBytes(header, bytes.AsSpan(Preamble));
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(Preamble + padded + 4 * i), values[i]);
        return bytes;
    }
}
