using SkiaSharp;

namespace AligNet.Data.Stimuli;

/// <summary>
/// Makes the copies of stimulus images that browsers download: a few fixed widths, WebP. Fixed widths keep the
/// number of cached variants small whatever widths the pages ask for; WebP keeps the transparency of the cut-out
/// photographs at a fraction of the PNG size.
/// </summary>
public static class ImageResizer
{
    /// <summary>The widths served; a request is answered with the smallest one at least as wide as asked.</summary>
    public static readonly int[] Buckets = [160, 240, 320, 480, 640, 960, 1280, 1920];

    public const int MaxRequestWidth = 4096;
    public const int WebpQuality = 85;
    public const string ContentType = "image/webp";

    /// <summary>
    /// The width to serve for a requested width: the smallest bucket ≥ <paramref name="requested"/> (the largest
    /// bucket beyond it), never wider than the original, since upscaling only adds bytes.
    /// </summary>
    public static int ServedWidth(int requested, int originalWidth)
    {
        var bucket = Buckets.FirstOrDefault(b => b >= requested, Buckets[^1]);
        return originalWidth > 0 ? Math.Min(bucket, originalWidth) : bucket;
    }

    /// <summary>Decodes <paramref name="original"/>, scales it to <paramref name="width"/> (aspect kept), encodes WebP.</summary>
    public static byte[] ResizeToWebp(byte[] original, int width)
    {
        using var data = SKData.CreateCopy(original);
        using var codec = SKCodec.Create(data) ?? throw new InvalidDataException("not a decodable image");
        var full = codec.Info;
        var height = Math.Max(1, (int)Math.Round((double)full.Height * width / full.Width));

        // JPEG decodes directly at 1/2, 1/4 or 1/8 size: far cheaper than decoding everything and scaling down.
        var decodeSize = codec.GetScaledDimensions((float)width / full.Width);
        if (decodeSize.Width < width) decodeSize = full.Size;
        var decodeInfo = new SKImageInfo(decodeSize.Width, decodeSize.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var decoded = new SKBitmap(decodeInfo);
        var result = codec.GetPixels(decodeInfo, decoded.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            throw new InvalidDataException($"the image could not be decoded ({result})");
        }

        using var scaled = decodeSize.Width == width
            ? decoded.Copy()
            : decoded.Resize(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul), new SKSamplingOptions(SKCubicResampler.Mitchell));
        using var pixmap = scaled.PeekPixels();
        using var encoded = pixmap.Encode(new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossy, WebpQuality))
            ?? throw new InvalidOperationException("SkiaSharp could not encode WebP");
        return encoded.ToArray();
    }
}
