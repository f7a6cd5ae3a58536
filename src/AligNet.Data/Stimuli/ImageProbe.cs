using System.Buffers.Binary;

namespace AligNet.Data.Stimuli;

/// <summary>Reads an image's type and pixel size from its header, without decoding it.</summary>
public static class ImageProbe
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <returns>(content type, width, height), or null when the bytes are not a PNG with an IHDR chunk.</returns>
    public static (string ContentType, int Width, int Height)? ProbePng(ReadOnlySpan<byte> bytes)
    {
        // Signature (8) + IHDR length (4) + "IHDR" (4) + width (4) + height (4), big-endian.
        if (bytes.Length < 24 || !bytes[..8].SequenceEqual(PngSignature) || !bytes.Slice(12, 4).SequenceEqual("IHDR"u8))
        {
            return null;
        }
        var width = BinaryPrimitives.ReadInt32BigEndian(bytes.Slice(16, 4));
        var height = BinaryPrimitives.ReadInt32BigEndian(bytes.Slice(20, 4));
        return width > 0 && height > 0 ? ("image/png", width, height) : null;
    }
}
