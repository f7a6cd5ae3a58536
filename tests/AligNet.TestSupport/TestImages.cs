using SkiaSharp;

namespace AligNet.TestSupport;

/// <summary>Small real images made on the fly (every colour gives a different file).</summary>
public static class TestImages
{
    public static byte[] Png(byte red, byte green = 0, byte blue = 0, int size = 16) => Encode(red, green, blue, size, SKEncodedImageFormat.Png);

    public static byte[] Jpeg(byte red, byte green = 0, byte blue = 0, int size = 16) => Encode(red, green, blue, size, SKEncodedImageFormat.Jpeg);

    /// <summary>A cut-out photograph in miniature: a coloured disc on a transparent background, as a PNG.</summary>
    public static byte[] CutOutPng(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        bitmap.Erase(SKColors.Transparent);
        using (var canvas = new SKCanvas(bitmap))
        using (var paint = new SKPaint { Color = SKColors.OrangeRed, IsAntialias = true })
        {
            canvas.DrawCircle(width / 2f, height / 2f, Math.Min(width, height) / 3f, paint);
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static byte[] Encode(byte red, byte green, byte blue, int size, SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(size, size);
        bitmap.Erase(new SKColor(red, green, blue));
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }
}
