using SkiaSharp;
using Svg.Skia;

namespace AligNet.Cli.Emoji;

/// <summary>
/// Draws emoji artwork into a square PNG of <c>size</c> pixels on one opaque background colour: transparent
/// pixels become the background (source-over compositing), so every style shows its emoji on the same ground and a
/// network sees no alpha channel. SVG is rasterised with Svg.Skia; raster artwork (WebP, PNG) is decoded and
/// resampled by SkiaSharp. The artwork is scaled to fit and centred, keeping its aspect ratio.
/// </summary>
public static class EmojiRasteriser
{
    public static byte[] ToPng(EmojiArtwork artwork, int size, SKColor background)
    {
        if (size is < 8 or > 4096) throw new ArgumentException($"--size {size} is outside 8–4096 pixels.");
        using var surface = SKSurface.Create(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException("SkiaSharp could not create a drawing surface.");
        var canvas = surface.Canvas;
        canvas.Clear(background.WithAlpha(255));
        if (artwork.Svg is not null) DrawSvg(canvas, artwork.Svg, size);
        else DrawRaster(canvas, artwork.Raster!, size);
        canvas.Flush();
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    private static void DrawSvg(SKCanvas canvas, string svgText, int size)
    {
        using var svg = new SKSvg();
        var picture = svg.FromSvg(svgText) ?? throw new InvalidDataException("the SVG could not be parsed.");
        Fit(canvas, picture.CullRect.Width, picture.CullRect.Height, size, () =>
        {
            canvas.Translate(-picture.CullRect.Left, -picture.CullRect.Top);
            canvas.DrawPicture(picture);
        });
    }

    private static void DrawRaster(SKCanvas canvas, byte[] bytes, int size)
    {
        using var bitmap = SKBitmap.Decode(bytes) ?? throw new InvalidDataException("the image could not be decoded.");
        using var image = SKImage.FromBitmap(bitmap);
        var scale = Math.Min((float)size / bitmap.Width, (float)size / bitmap.Height);
        var (w, h) = (bitmap.Width * scale, bitmap.Height * scale);
        var target = SKRect.Create((size - w) / 2, (size - h) / 2, w, h);
        canvas.DrawImage(image, target, new SKSamplingOptions(SKCubicResampler.Mitchell));
    }

    private static void Fit(SKCanvas canvas, float width, float height, int size, Action draw)
    {
        if (!(width > 0) || !(height > 0)) throw new InvalidDataException("the SVG has no size (width, height or viewBox).");
        var scale = Math.Min(size / width, size / height);
        canvas.Save();
        canvas.Translate((size - width * scale) / 2, (size - height * scale) / 2);
        canvas.Scale(scale);
        draw();
        canvas.Restore();
    }
}
