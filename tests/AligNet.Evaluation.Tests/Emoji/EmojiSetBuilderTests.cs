using AligNet.Cli.Emoji;
using SkiaSharp;

namespace AligNet.Evaluation.Tests.Emoji;

/// <summary>
/// The emoji stimulus sets built from a miniature node_modules (Fixtures/emoji: the real packages' layouts with
/// one-circle drawings): which concepts are kept, the shared order, the flattened background, and the licences.
/// </summary>
public class EmojiSetBuilderTests
{
    private static readonly SKColor Background = new(0x33, 0x66, 0x99);

    /// <summary>A copy of the fixture tree plus the fluent-3d WebP files (binary, so drawn here): a circle on transparency.</summary>
    private static string Packages()
    {
        var root = Directory.CreateTempSubdirectory("emoji-packages-").FullName;
        var source = Path.Combine(AppContext.BaseDirectory, "Fixtures", "emoji");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(root, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        var assets = Directory.CreateDirectory(Path.Combine(root, "@lobehub", "fluent-emoji-3d", "assets")).FullName;
        // No banana; the automobile under its FE0F name, as the real package names some files.
        foreach (var (file, colour) in new[] { ("1f415", SKColors.Blue), ("1f408", SKColors.Lime), ("1f405", SKColors.Magenta), ("1f34e", SKColors.Red), ("1f697-fe0f", SKColors.Cyan), ("1f600", SKColors.Gold) })
        {
            File.WriteAllBytes(Path.Combine(assets, file + ".webp"), Circle(colour));
        }
        return root;
    }

    private static byte[] Circle(SKColor colour)
    {
        using var surface = SKSurface.Create(new SKImageInfo(64, 64, SKColorType.Rgba8888, SKAlphaType.Premul));
        surface.Canvas.Clear(SKColors.Transparent);
        using var paint = new SKPaint { Color = colour, IsAntialias = true };
        surface.Canvas.DrawCircle(32, 32, 20, paint);
        using var image = surface.Snapshot();
        using var webp = image.Encode(SKEncodedImageFormat.Webp, 100); // quality 100 = lossless in Skia
        return webp.ToArray();
    }

    private static EmojiSetResult Build(out string output, params string[] styles)
    {
        output = Directory.CreateTempSubdirectory("emoji-sets-").FullName;
        return EmojiSetBuilder.Build(Packages(), output, new EmojiSetOptions(styles, 32, Background));
    }

    [Fact]
    public void Every_style_lists_the_same_object_concepts_in_the_same_order_with_group_and_subgroup()
    {
        var result = Build(out _, "openmoji", "twemoji", "noto", "fluent-3d");

        // Left out: the smiley (not an object group), the skin-tone entry, the regional indicator (no group),
        // the banana (no fluent-3d artwork) and the tiger (drawn in twemoji exactly like the cat).
        string[] expected =
        [
            "file,label,category",
            "1f415.png,dog,animals-nature/animal-mammal",
            "1f408.png,cat,animals-nature/animal-mammal",
            "1f34e.png,red apple,food-drink/food-fruit",
            "1f697.png,automobile,travel-places/transport-ground",
        ];
        Assert.Equal(4, result.Concepts);
        Assert.Equal(3, result.Subgroups);
        Assert.Equal(["openmoji", "twemoji", "noto", "fluent-3d"], result.Folders.Keys);
        foreach (var folder in result.Folders.Values)
        {
            Assert.Equal(expected, File.ReadAllLines(Path.Combine(folder, "manifest.csv")));
        }
        Assert.Equal(2, result.LeftOut.Count);
        Assert.StartsWith("banana (1F34C): not in fluent-3d", result.LeftOut[0]);
        Assert.StartsWith("tiger (1F405): the same picture as another concept", result.LeftOut[1]);
    }

    [Theory]
    [InlineData("openmoji")]
    [InlineData("twemoji")]
    [InlineData("noto")]
    [InlineData("fluent-3d")]
    public void Transparent_areas_are_flattened_onto_the_background_and_the_drawing_keeps_its_colour(string style)
    {
        var result = Build(out _, style);
        var folder = result.Folders[style];
        (string File, SKColor Colour)[] drawn = [("1f415.png", SKColors.Blue), ("1f34e.png", SKColors.Red), ("1f697.png", SKColors.Cyan)];
        foreach (var (file, colour) in drawn)
        {
            using var bitmap = SKBitmap.Decode(Path.Combine(folder, file));
            Assert.Equal((32, 32), (bitmap.Width, bitmap.Height));
            foreach (var (x, y) in new[] { (0, 0), (31, 0), (0, 31), (31, 31) })
            {
                Assert.Equal(Background, bitmap.GetPixel(x, y)); // fully opaque, exactly the background
            }
            var centre = bitmap.GetPixel(16, 16);
            Assert.Equal(255, centre.Alpha);
            Assert.InRange(Math.Abs(centre.Red - colour.Red) + Math.Abs(centre.Green - colour.Green) + Math.Abs(centre.Blue - colour.Blue), 0, 6);
        }
    }

    [Fact]
    public void Each_description_records_the_artwork_licence_and_package_version()
    {
        var result = Build(out _, "openmoji", "twemoji", "noto");
        var openmoji = File.ReadAllText(Path.Combine(result.Folders["openmoji"], "description.txt"));
        Assert.Contains("npm openmoji@17.0.0-fixture; licence: OpenMoji (openmoji.org), CC BY-SA 4.0", openmoji);
        Assert.Contains("Drawings, not photographs", openmoji);
        Assert.Contains("CC BY 4.0", File.ReadAllText(Path.Combine(result.Folders["twemoji"], "description.txt")));
        Assert.Contains("Apache 2.0", File.ReadAllText(Path.Combine(result.Folders["noto"], "description.txt")));
        Assert.Empty(Directory.GetDirectories(Path.GetDirectoryName(result.Folders["noto"])!, "*.partial"));
    }

    [Fact]
    public void A_missing_package_or_style_is_refused_with_the_fix()
    {
        var packages = Packages();
        Directory.Delete(Path.Combine(packages, "openmoji"), recursive: true);
        var output = Directory.CreateTempSubdirectory("emoji-sets-").FullName;

        var missing = Assert.Throws<ArgumentException>(() => EmojiSetBuilder.Build(packages, output, new EmojiSetOptions(["openmoji"], 32, Background)));
        Assert.Contains("needs the npm package openmoji", missing.Message);
        Assert.Contains("run deploy/emoji.sh", missing.Message);
        var unknown = Assert.Throws<ArgumentException>(() => EmojiSetBuilder.Build(packages, output, new EmojiSetOptions(["apple"], 32, Background)));
        Assert.Equal("Unknown emoji style 'apple': use openmoji, twemoji, noto, fluent-3d.", unknown.Message);
    }
}
