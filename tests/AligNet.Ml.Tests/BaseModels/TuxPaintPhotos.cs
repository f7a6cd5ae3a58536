using AligNet.Ml.BaseModels;

namespace AligNet.Ml.Tests.BaseModels;

/// <summary>
/// Real photographs: the Tux Paint stamps (Debian package tuxpaint-stamps-default, which deploy/ installs). They are
/// RGBA PNG cut-outs from 46×50 to 435×374 px, so they exercise transparency, enlargement and reduction.
/// </summary>
internal static class TuxPaintPhotos
{
    private const string Root = "/usr/share/tuxpaint/stamps";

    /// <summary>The first four birds and the first four fruit by name: a fixed set with both resampling paths.</summary>
    public static IReadOnlyList<EncodedImage> Load()
    {
        var folders = new[] { "animals/birds", "food/fruit" }.Select(folder => Path.Combine(Root, folder)).ToList();
        if (!folders.All(Directory.Exists))
        {
            Assert.Skip($"No Tux Paint photographs under {Root}: install the Debian package tuxpaint-stamps-default.");
        }
        return [.. folders.SelectMany(folder => Directory.GetFiles(folder, "*.png").Order(StringComparer.Ordinal).Take(4))
            .Select(path => new EncodedImage(Path.GetFileName(path), File.ReadAllBytes(path)))];
    }

    public static float MaxAbsDifference(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        var max = 0f;
        for (var i = 0; i < expected.Length; i++)
        {
            max = Math.Max(max, Math.Abs(expected[i] - actual[i]));
        }
        return max;
    }
}
