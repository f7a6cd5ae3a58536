using AligNet.Evaluation.Robustness;

namespace AligNet.Evaluation.Tests.Robustness;

/// <summary>Each corruption's pixel maths against values worked by hand (see the comments).</summary>
public class ImageCorruptionTests
{
    /// <summary>Planes of an image of <paramref name="h"/>×<paramref name="w"/> pixels: the R plane, then G, then B.</summary>
    private static float[] Planes(int h, int w, float[] r, float[] g, float[] b) => [.. r, .. g, .. b];

    [Fact]
    public void Greyscale_mixes_each_pixel_towards_its_rec601_luma()
    {
        // (100, 200, 50): Y = 0.299·100 + 0.587·200 + 0.114·50 = 29.9 + 117.4 + 5.7 = 153.
        var full = Planes(1, 1, [100], [200], [50]);
        new ImageCorruption(CorruptionKind.Greyscale, 5).Apply(full, 1, 1, new Random(0));
        Assert.Equal([153f, 153f, 153f], full, (a, b) => Math.Abs(a - b) < 1e-3);

        // Severity 1, a = 0.2: R = 0.8·100 + 0.2·153 = 110.6, G = 160 + 30.6 = 190.6, B = 40 + 30.6 = 70.6.
        var mild = Planes(1, 1, [100], [200], [50]);
        new ImageCorruption(CorruptionKind.Greyscale, 1).Apply(mild, 1, 1, new Random(0));
        Assert.Equal([110.6f, 190.6f, 70.6f], mild, (a, b) => Math.Abs(a - b) < 1e-3);
    }

    [Fact]
    public void Contrast_scales_each_channel_about_its_own_mean()
    {
        // Severity 1, c = 0.5. R = [0, 100, 200, 100], mean 100 → [50, 100, 150, 100]. G constant → unchanged.
        // B = [0, 0, 0, 255], mean 63.75 → 0: −63.75·0.5 + 63.75 = 31.875; 255: 191.25·0.5 + 63.75 = 159.375.
        var image = Planes(2, 2, [0, 100, 200, 100], [10, 10, 10, 10], [0, 0, 0, 255]);
        new ImageCorruption(CorruptionKind.Contrast, 1).Apply(image, 2, 2, new Random(0));
        float[] expected = [50, 100, 150, 100, 10, 10, 10, 10, 31.875f, 31.875f, 31.875f, 159.375f];
        Assert.Equal(expected, image, (a, b) => Math.Abs(a - b) < 1e-3);
    }

    [Fact]
    public void Blur_spreads_an_impulse_by_the_separable_gaussian_and_keeps_its_sum()
    {
        // σ = 0.5 → radius ⌈1.5⌉ = 2; weights ∝ e^(−2d²): 1, e^−2 = 0.135335, e^−8 = 0.000335, sum 1.271341,
        // so w0 = 0.786571, w1 = 0.106451. An impulse of 255 at the centre of 5×5 becomes 255·w0² = 157.767 there,
        // 255·w0·w1 = 21.351 beside it and 255·w1² = 2.890 on the diagonal.
        var plane = new float[25];
        plane[12] = 255;
        var image = Planes(5, 5, plane, new float[25], new float[25]);
        new ImageCorruption(CorruptionKind.Blur, 1).Apply(image, 5, 5, new Random(0));
        Assert.Equal(157.767, image[12], 3);
        Assert.Equal(21.351, image[11], 3);
        Assert.Equal(21.351, image[7], 3);
        Assert.Equal(2.890, image[6], 3);
        Assert.Equal(255, image.Take(25).Sum(), 2);
        Assert.All(image.Skip(25), v => Assert.Equal(0, v));
    }

    [Fact]
    public void Blur_leaves_a_flat_image_flat_at_the_edges_too()
    {
        var image = Enumerable.Repeat(80f, 3 * 4 * 6).ToArray();
        new ImageCorruption(CorruptionKind.Blur, 5).Apply(image, 4, 6, new Random(0)); // σ = 4: the kernel is wider than the image
        Assert.All(image, v => Assert.Equal(80, v, 3));
    }

    [Fact]
    public void Noise_adds_gaussian_values_of_the_stated_spread_clipped_to_the_pixel_range_and_replays_from_its_seed()
    {
        // Mid-grey at severity 1: change has mean 0 and SD 0.04·255 = 10.2 (no clipping within ±12 SD).
        const int n = 3 * 100 * 100;
        var grey = Enumerable.Repeat(128f, n).ToArray();
        new ImageCorruption(CorruptionKind.Noise, 1).Apply(grey, 100, 100, new Random(5));
        var change = grey.Select(v => v - 128.0).ToArray();
        var mean = change.Average();
        Assert.InRange(mean, -0.2, 0.2);
        Assert.InRange(Math.Sqrt(change.Sum(c => (c - mean) * (c - mean)) / n), 10.2 * 0.98, 10.2 * 1.02);

        // Black at severity 5 (σ = 66.3): negatives clip to 0, so the mean is E[max(0, X)] = σ/√(2π) = 26.45.
        var black = new float[n];
        new ImageCorruption(CorruptionKind.Noise, 5).Apply(black, 100, 100, new Random(5));
        Assert.All(black, v => Assert.InRange(v, 0, 255));
        Assert.InRange(black.Average(v => (double)v), 26.45 - 0.8, 26.45 + 0.8);

        var again = new float[n];
        new ImageCorruption(CorruptionKind.Noise, 5).Apply(again, 100, 100, new Random(5));
        Assert.Equal(black, again);
    }

    [Theory]
    [InlineData("blur-3", CorruptionKind.Blur, 3)]
    [InlineData("Greyscale-1", CorruptionKind.Greyscale, 1)]
    public void Names_parse_as_kind_and_severity(string text, CorruptionKind kind, int severity)
    {
        var c = ImageCorruption.Parse(text);
        Assert.Equal((kind, severity), (c.Kind, c.Severity));
    }

    [Theory]
    [InlineData("blur-6")]
    [InlineData("fog-2")]
    [InlineData("blur")]
    public void Unknown_names_are_refused_with_the_fix(string text)
    {
        var error = Assert.Throws<ArgumentException>(() => ImageCorruption.Parse(text));
        Assert.Contains("write kind-severity with kind blur, noise, contrast or greyscale and severity 1–5 (e.g. blur-3)", error.Message);
    }
}
