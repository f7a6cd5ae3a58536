using AligNet.Ml.BaseModels;
using SkiaSharp;

namespace AligNet.Ml.Tests.BaseModels;

/// <summary>What callers rely on: batching does not change features, bad files are refused by name, decoding rules.</summary>
[Collection(nameof(ResNet18Collection))]
public sealed class ResNet18FeaturizerTests(ResNet18Fixture fixture)
{
    private readonly ResNet18Featurizer featurizer = fixture.Featurizer;

    [Fact]
    public void Batches_give_the_same_features_as_one_image_at_a_time()
    {
        var photos = TuxPaintPhotos.Load();

        var oneByOne = featurizer.Embed(photos, batchSize: 1);
        var unevenBatches = featurizer.Embed(photos, batchSize: 3);
        var oneBatch = featurizer.Embed(photos);

        var difference = photos.Select((_, index) => Math.Max(
            TuxPaintPhotos.MaxAbsDifference(oneByOne[index], unevenBatches[index]),
            TuxPaintPhotos.MaxAbsDifference(oneByOne[index], oneBatch[index]))).Max();
        TestContext.Current.TestOutputHelper?.WriteLine($"batch 1 vs 3 vs 32: max abs difference {difference:G3}");
        Assert.True(difference <= 1e-5f, $"max abs difference {difference}");
    }

    public static TheoryData<string, byte[]> BadFiles => new()
    {
        { "empty.png", [] },
        { "notes.png", "this is not an image"u8.ToArray() },
        { "truncated.png", Encode(NoiseImage(), SKEncodedImageFormat.Png)[..600] },
        { "one-pixel.bmp", OnePixelBmp() },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void A_corrupt_or_unsupported_image_is_refused_by_name(string name, byte[] bytes)
    {
        var good = new EncodedImage("good.png", Encode(NoiseImage(), SKEncodedImageFormat.Png));

        var error = Assert.Throws<InvalidDataException>(() => featurizer.Embed([good, new EncodedImage(name, bytes)]));

        Assert.Contains($"'{name}'", error.Message);
    }

    [Fact]
    public void Unnamed_images_are_named_by_position()
    {
        var good = Encode(NoiseImage(), SKEncodedImageFormat.Png);

        var error = Assert.Throws<InvalidDataException>(() => featurizer.Embed([good, good[..100]]));

        Assert.Contains("'image #1'", error.Message);
    }

    [Fact]
    public void Transparency_becomes_white_and_the_whole_image_is_fitted_without_distortion()
    {
        // 100×50: left half opaque red, right half fully transparent. Fitted: 224×112, white bands above and below.
        using var bitmap = new SKBitmap(new SKImageInfo(100, 50, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        for (var y = 0; y < 50; y++)
        {
            for (var x = 0; x < 100; x++)
            {
                bitmap.SetPixel(x, y, x < 50 ? new SKColor(255, 0, 0, 255) : new SKColor(0, 0, 0, 0));
            }
        }

        var planes = StimulusImageDecoder.DecodeToRgbPlanes(new EncodedImage("half.png", Encode(bitmap, SKEncodedImageFormat.Png)));

        Assert.Equal((255f, 0f, 0f), Rgb(planes, x: 20, y: 112));
        Assert.Equal((255f, 255f, 255f), Rgb(planes, x: 200, y: 112));
        Assert.Equal((255f, 255f, 255f), Rgb(planes, x: 20, y: 40));
        Assert.Equal((255f, 0f, 0f), Rgb(planes, x: 20, y: 60));
    }

    [Fact]
    public void A_jpeg_decodes_to_its_colour()
    {
        using var bitmap = new SKBitmap(new SKImageInfo(300, 300, SKColorType.Rgba8888, SKAlphaType.Opaque));
        bitmap.Erase(new SKColor(40, 120, 200));

        var (r, g, b) = Rgb(StimulusImageDecoder.DecodeToRgbPlanes(new EncodedImage("blue.jpg", Encode(bitmap, SKEncodedImageFormat.Jpeg))), 112, 112);

        Assert.InRange(r, 37f, 43f);
        Assert.InRange(g, 117f, 123f);
        Assert.InRange(b, 197f, 203f);
    }

    [Fact]
    public void Missing_model_files_are_named_with_the_way_to_point_elsewhere()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"alignet-no-model-{Guid.NewGuid():N}");

        var error = Assert.Throws<FileNotFoundException>(() => ResNet18ModelFiles.FromDirectory(folder, "0.0.0"));

        Assert.Contains(folder, error.Message);
        Assert.Contains(nameof(ResNet18ModelFiles.FromDirectory), error.Message);
    }

    [Fact]
    public void The_build_put_the_model_files_next_to_the_program()
    {
        var files = ResNet18ModelFiles.InOutputDirectory();

        Assert.StartsWith(AppContext.BaseDirectory, files.NetworkPath, StringComparison.Ordinal);
        Assert.True(new FileInfo(files.NetworkPath).Length > 60_000_000);
        Assert.Equal(ResNet18ModelFiles.PackagedVersion, files.Version);
    }

    private static (float R, float G, float B) Rgb(float[] planes, int x, int y)
    {
        var position = y * StimulusImageDecoder.Size + x;
        return (planes[position], planes[StimulusImageDecoder.PlaneLength + position], planes[2 * StimulusImageDecoder.PlaneLength + position]);
    }

    private static SKBitmap NoiseImage()
    {
        var random = new Random(11);
        var bitmap = new SKBitmap(new SKImageInfo(64, 64, SKColorType.Rgba8888, SKAlphaType.Opaque));
        for (var y = 0; y < 64; y++)
        {
            for (var x = 0; x < 64; x++)
            {
                bitmap.SetPixel(x, y, new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)));
            }
        }
        return bitmap;
    }

    private static byte[] Encode(SKBitmap bitmap, SKEncodedImageFormat format)
    {
        using (bitmap)
        {
            using var data = bitmap.Encode(format, 100);
            return data.ToArray();
        }
    }

    /// <summary>A valid 1×1 24-bit BMP: a format Skia decodes but stimuli may not use.</summary>
    private static byte[] OnePixelBmp()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write("BM"u8);
            writer.Write(58); writer.Write(0); writer.Write(54);       // file size, reserved, pixel offset
            writer.Write(40); writer.Write(1); writer.Write(1);        // header size, width, height
            writer.Write((short)1); writer.Write((short)24);           // planes, bits per pixel
            writer.Write(0); writer.Write(4); writer.Write(2835); writer.Write(2835); writer.Write(0); writer.Write(0);
            writer.Write(new byte[] { 0, 0, 255, 0 });                 // one red pixel (BGR) and row padding
        }
        return stream.ToArray();
    }
}
