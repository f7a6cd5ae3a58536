using SkiaSharp;

namespace AligNet.Data.Stimuli;

/// <summary>
/// Decides whether bytes are an image the platform can show and embed, by decoding them fully (a valid header
/// on a truncated file is not enough), and reports its type and size. PNG and JPEG only: the formats every browser
/// shows and the ResNet18 preprocessing decodes.
/// </summary>
public static class ImageInspector
{
    public sealed record ImageInfo(string ContentType, string Extension, int Width, int Height);

    /// <summary>The image's facts, or the reason it cannot be used.</summary>
    public static (ImageInfo? Info, string? Problem) Inspect(byte[] bytes)
    {
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        if (codec is null) return (null, "not an image (unsupported or unrecognised format; use PNG or JPEG)");
        var (type, extension) = codec.EncodedFormat switch
        {
            SKEncodedImageFormat.Png => ("image/png", ".png"),
            SKEncodedImageFormat.Jpeg => ("image/jpeg", ".jpg"),
            var other => ((string?)null, other.ToString()),
        };
        if (type is null) return (null, $"{extension} images are not supported; use PNG or JPEG");
        var size = codec.Info;
        if (size.Width <= 0 || size.Height <= 0 || (long)size.Width * size.Height > 50_000_000)
        {
            return (null, $"image size {size.Width}×{size.Height} is out of range (at most 50 megapixels)");
        }
        using var bitmap = new SKBitmap(size.Width, size.Height);
        var result = codec.GetPixels(bitmap.Info, bitmap.GetPixels());
        return result is SKCodecResult.Success
            ? (new ImageInfo(type, extension, size.Width, size.Height), null)
            : (null, $"the image is corrupt or truncated ({result})");
    }
}
