using SkiaSharp;

namespace AligNet.Ml.BaseModels;

/// <summary>An encoded image file and the name that error messages use for it (a file name or stimulus id).</summary>
public sealed record EncodedImage(string Name, byte[] Bytes);

/// <summary>
/// Turns a PNG or JPEG into the network's input size, as RGB planes (C×H×W floats on the 0–255 scale): the
/// <c>OriginalInput</c> of ResNetPreprocess.onnx.
/// <list type="bullet">
/// <item>Transparency is composited onto white: the stimuli are cut-out objects, and the RGB under a transparent
/// pixel is arbitrary (often black), so it must not reach the network.</item>
/// <item>The whole image is fitted into the square without distortion and the rest is white (letterboxing): a
/// stretch would change the objects' shapes and a centre crop could cut them off. White is the same background the
/// cut-outs already stand on.</item>
/// <item>Resampling is bicubic (Catmull-Rom, the a = −0.5 kernel that PIL and OpenCV call "bicubic") because most
/// stimuli here are smaller than 224 px and are enlarged, where bicubic stays sharper than bilinear. Skia's cubic has
/// no prefilter, so a reduction by more than 2× (large photographs) uses trilinear mipmap sampling instead, which
/// averages the source first and does not alias.</item>
/// </list>
/// Compositing and resampling happen in one draw of the premultiplied image onto the white canvas; both are linear,
/// so this equals compositing first and resizing after. No colour-space conversion is applied (as PIL by default).
/// </summary>
public static class StimulusImageDecoder
{
    public const int Size = 224;
    public const int PlaneLength = Size * Size;
    public const int ValuesPerImage = 3 * PlaneLength;

    public static float[] DecodeToRgbPlanes(EncodedImage image)
    {
        var planes = new float[ValuesPerImage];
        DecodeToRgbPlanes(image, planes);
        return planes;
    }

    /// <summary>Writes R, G, B planes (224×224 each, 0–255) into <paramref name="destination"/>.</summary>
    public static void DecodeToRgbPlanes(EncodedImage image, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (destination.Length != ValuesPerImage)
        {
            throw new ArgumentException($"The destination must hold {ValuesPerImage} values.", nameof(destination));
        }
        using var source = Decode(image);
        using var canvasBitmap = new SKBitmap(new SKImageInfo(Size, Size, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(canvasBitmap))
        {
            canvas.Clear(SKColors.White);
            var scale = Math.Min((double)Size / source.Width, (double)Size / source.Height);
            // Whole pixels for the fitted size and offset keep the image's edges crisp rather than half-covered.
            var width = Math.Clamp((int)Math.Round(source.Width * scale), 1, Size);
            var height = Math.Clamp((int)Math.Round(source.Height * scale), 1, Size);
            var target = SKRect.Create((Size - width) / 2, (Size - height) / 2, width, height);
            var sampling = scale >= 0.5
                ? new SKSamplingOptions(SKCubicResampler.CatmullRom)
                : new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear);
            using var sourceImage = SKImage.FromBitmap(source);
            canvas.DrawImage(sourceImage, target, sampling);
        }

        // After compositing onto opaque white every alpha is 255, so the premultiplied bytes are the colours.
        ReadOnlySpan<byte> pixels = canvasBitmap.GetPixelSpan();
        var rowBytes = canvasBitmap.RowBytes;
        for (var y = 0; y < Size; y++)
        {
            for (var x = 0; x < Size; x++)
            {
                var pixel = y * rowBytes + x * 4;
                var position = y * Size + x;
                destination[position] = pixels[pixel];
                destination[PlaneLength + position] = pixels[pixel + 1];
                destination[2 * PlaneLength + position] = pixels[pixel + 2];
            }
        }
    }

    private static SKBitmap Decode(EncodedImage image)
    {
        if (image.Bytes is null || image.Bytes.Length == 0)
        {
            throw new InvalidDataException($"Image '{image.Name}' is empty.");
        }
        using var data = SKData.CreateCopy(image.Bytes);
        using var codec = SKCodec.Create(data)
            ?? throw new InvalidDataException($"Image '{image.Name}' is not a PNG or JPEG file, or it is corrupt.");
        if (codec.EncodedFormat is not (SKEncodedImageFormat.Png or SKEncodedImageFormat.Jpeg))
        {
            throw new InvalidDataException(
                $"Image '{image.Name}' is {codec.EncodedFormat}; only PNG and JPEG stimuli are supported.");
        }
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result != SKCodecResult.Success)
        {
            // IncompleteInput (a truncated file) included: Skia would fill the missing rows, and the network would
            // embed a picture that is not the stimulus.
            bitmap.Dispose();
            throw new InvalidDataException($"Image '{image.Name}' could not be decoded ({result}): the file is corrupt or truncated.");
        }
        return bitmap;
    }
}
