using System.Buffers.Binary;
using System.Security.Cryptography;
using AligNet.Evaluation.Embeddings;

namespace AligNet.Ml.Teacher;

/// <summary>Shape and SHA-256 of the float64 values (little-endian, row-major) of the embeddings a teacher was trained on.</summary>
public sealed record EmbeddingFingerprint(int Rows, int Columns, string Sha256)
{
    public static EmbeddingFingerprint Of(EmbeddingMatrix matrix)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[8 * 4096];
        for (var start = 0; start < matrix.Values.Length; start += 4096)
        {
            var count = Math.Min(4096, matrix.Values.Length - start);
            for (var i = 0; i < count; i++) BinaryPrimitives.WriteDoubleLittleEndian(buffer.AsSpan(8 * i), matrix.Values[start + i]);
            hash.AppendData(buffer, 0, 8 * count);
        }
        return new EmbeddingFingerprint(matrix.Rows, matrix.Columns, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    public override string ToString() => $"{Rows} × {Columns}, sha256 {Sha256[..12]}…";
}
