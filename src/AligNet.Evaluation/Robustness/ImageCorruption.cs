using AligNet.Evaluation.Statistics;

namespace AligNet.Evaluation.Robustness;

/// <summary>The corruptions of the robustness evaluation (after ImageNet-C, Hendrycks &amp; Dietterich 2019), on RGB planes.</summary>
public enum CorruptionKind { Blur, Noise, Contrast, Greyscale }

/// <summary>
/// One corruption at one severity (1 = mild … 5 = strong), applied in place to an image as RGB planes (C×H×W floats
/// on 0–255, the network input of <c>StimulusImageDecoder</c>), after resizing and before the network:
/// <list type="bullet">
/// <item><b>Blur</b>: Gaussian, σ = 0.5, 1, 2, 3, 4 px (of 224), separable, kernel radius ⌈3σ⌉, edges clamped.</item>
/// <item><b>Noise</b>: additive Gaussian, σ = 0.04, 0.08, 0.12, 0.18, 0.26 × 255 per value, seeded, clipped to 0–255.</item>
/// <item><b>Contrast</b>: x' = (x − m)·c + m with m the channel's mean, c = 0.5, 0.35, 0.2, 0.1, 0.05.</item>
/// <item><b>Greyscale</b>: x' = (1 − a)·x + a·Y with luma Y = 0.299 R + 0.587 G + 0.114 B (Rec. 601), a = 0.2, 0.4, 0.6, 0.8, 1.</item>
/// </list>
/// Values are ImageNet-C's scale (its σ for noise 0.08–0.38, contrast 0.4–0.05), made milder at the low end so
/// severity 1 barely changes the picture.
/// </summary>
public sealed record ImageCorruption(CorruptionKind Kind, int Severity)
{
    public static readonly double[] BlurSigma = [0.5, 1, 2, 3, 4];
    public static readonly double[] NoiseSigma = [0.04, 0.08, 0.12, 0.18, 0.26];
    public static readonly double[] ContrastFactor = [0.5, 0.35, 0.2, 0.1, 0.05];
    public static readonly double[] GreyWeight = [0.2, 0.4, 0.6, 0.8, 1.0];

    public string Name => $"{Kind.ToString().ToLowerInvariant()}-{Severity}";

    /// <summary>Parses "blur-3" (kind-severity).</summary>
    public static ImageCorruption Parse(string text)
    {
        var parts = text.Trim().Split('-');
        if (parts.Length == 2 && Enum.TryParse<CorruptionKind>(parts[0], ignoreCase: true, out var kind)
            && int.TryParse(parts[1], out var severity) && severity is >= 1 and <= 5)
        {
            return new ImageCorruption(kind, severity);
        }
        throw new ArgumentException($"Unknown corruption '{text}': write kind-severity with kind blur, noise, contrast or greyscale and severity 1–5 (e.g. blur-3).");
    }

    /// <param name="planes">3 × height × width values on 0–255, channel-major (R plane, G plane, B plane).</param>
    /// <param name="random">The noise source (only <see cref="CorruptionKind.Noise"/> draws from it).</param>
    public void Apply(Span<float> planes, int height, int width, Random random)
    {
        if (Severity is < 1 or > 5) throw new ArgumentOutOfRangeException(nameof(Severity), "severity is 1–5");
        if (planes.Length != 3 * height * width) throw new ArgumentException($"Expected 3×{height}×{width} values, got {planes.Length}.", nameof(planes));
        var plane = height * width;
        switch (Kind)
        {
            case CorruptionKind.Blur:
                var kernel = GaussianKernel(BlurSigma[Severity - 1]);
                for (var c = 0; c < 3; c++) BlurPlane(planes.Slice(c * plane, plane), height, width, kernel);
                break;
            case CorruptionKind.Noise:
                var sigma = NoiseSigma[Severity - 1] * 255;
                for (var i = 0; i < planes.Length; i++) planes[i] = Clip(planes[i] + sigma * StandardNormal.Draw(random));
                break;
            case CorruptionKind.Contrast:
                var factor = ContrastFactor[Severity - 1];
                for (var c = 0; c < 3; c++)
                {
                    var p = planes.Slice(c * plane, plane);
                    double sum = 0;
                    foreach (var v in p) sum += v;
                    var mean = sum / plane;
                    for (var i = 0; i < p.Length; i++) p[i] = (float)((p[i] - mean) * factor + mean);
                }
                break;
            case CorruptionKind.Greyscale:
                var a = GreyWeight[Severity - 1];
                for (var i = 0; i < plane; i++)
                {
                    double r = planes[i], g = planes[plane + i], b = planes[2 * plane + i];
                    var y = 0.299 * r + 0.587 * g + 0.114 * b;
                    planes[i] = (float)((1 - a) * r + a * y);
                    planes[plane + i] = (float)((1 - a) * g + a * y);
                    planes[2 * plane + i] = (float)((1 - a) * b + a * y);
                }
                break;
        }
    }

    /// <summary>Normalised Gaussian weights for offsets −r…r, r = ⌈3σ⌉.</summary>
    public static double[] GaussianKernel(double sigma)
    {
        var radius = (int)Math.Ceiling(3 * sigma);
        var kernel = new double[2 * radius + 1];
        double sum = 0;
        for (var d = -radius; d <= radius; d++) sum += kernel[d + radius] = Math.Exp(-d * d / (2 * sigma * sigma));
        for (var i = 0; i < kernel.Length; i++) kernel[i] /= sum;
        return kernel;
    }

    private static void BlurPlane(Span<float> p, int height, int width, double[] kernel)
    {
        var radius = kernel.Length / 2;
        var temp = new float[p.Length];
        for (var y = 0; y < height; y++) // rows
        {
            for (var x = 0; x < width; x++)
            {
                double s = 0;
                for (var d = -radius; d <= radius; d++) s += kernel[d + radius] * p[y * width + Math.Clamp(x + d, 0, width - 1)];
                temp[y * width + x] = (float)s;
            }
        }
        for (var y = 0; y < height; y++) // columns
        {
            for (var x = 0; x < width; x++)
            {
                double s = 0;
                for (var d = -radius; d <= radius; d++) s += kernel[d + radius] * temp[Math.Clamp(y + d, 0, height - 1) * width + x];
                p[y * width + x] = (float)s;
            }
        }
    }

    private static float Clip(double v) => (float)Math.Clamp(v, 0, 255);
}
