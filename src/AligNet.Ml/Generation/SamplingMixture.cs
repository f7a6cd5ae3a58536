using System.Globalization;

namespace AligNet.Ml.Generation;

/// <summary>
/// The share of each sampling variant, written <c>variant=share,…</c> (e.g. <c>between_cluster=0.5,random=0.5</c>).
/// Shares are positive and sum to 1 within 1e-6; variants not named get none.
/// </summary>
public sealed class SamplingMixture
{
    /// <summary>Ours: the cluster variants and uniform random in equal parts, usable on any pool (no labels needed).</summary>
    public const string DefaultText = "between_cluster=0.25,within_cluster=0.25,cluster_border=0.25,random=0.25";

    private SamplingMixture(IReadOnlyList<(SamplingVariant Variant, double Share)> shares) => Shares = shares;

    /// <summary>In the order of <see cref="SamplingVariant"/>, so two spellings of one mixture compare equal.</summary>
    public IReadOnlyList<(SamplingVariant Variant, double Share)> Shares { get; }

    public static SamplingMixture Default => Parse(DefaultText);

    public bool NeedsLabels => Shares.Any(s => s.Variant.NeedsLabels());
    public bool NeedsClusters => Shares.Any(s => s.Variant.NeedsClusters());

    public static SamplingMixture Parse(string text)
    {
        var shares = new Dictionary<SamplingVariant, double>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pieces = part.Split('=', StringSplitOptions.TrimEntries);
            if (pieces.Length != 2) throw new GenerationException($"mixture entry '{part}' is not variant=share; write e.g. --mix {DefaultText}");
            var variant = SamplingVariants.TryParse(pieces[0])
                ?? throw new GenerationException($"unknown sampling variant '{pieces[0]}' in the mixture; valid variants: {SamplingVariants.ValidNames}.");
            if (!double.TryParse(pieces[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var share) || !double.IsFinite(share) || share < 0 || share > 1)
            {
                throw new GenerationException($"the share of {pieces[0]} ('{pieces[1]}') is not a number between 0 and 1.");
            }
            if (!shares.TryAdd(variant, share)) throw new GenerationException($"the mixture names {pieces[0]} twice; name each variant once.");
        }
        if (shares.Count == 0) throw new GenerationException($"the mixture is empty; write e.g. --mix {DefaultText}");
        var sum = shares.Values.Sum();
        if (Math.Abs(sum - 1) > 1e-6)
        {
            throw new GenerationException($"the mixture's shares sum to {sum.ToString("G6", CultureInfo.InvariantCulture)}, not 1; adjust them so they add up to 1.");
        }
        // Normalised, so that rounding in the written shares cannot make the apportioned counts overshoot.
        return new SamplingMixture([.. shares.Where(s => s.Value > 0).OrderBy(s => s.Key).Select(s => (s.Key, s.Value / sum))]);
    }

    /// <summary>
    /// Splits <paramref name="total"/> rows among the variants by largest remainder (ties to the earlier variant),
    /// so the counts add up exactly and the same total always splits the same way.
    /// </summary>
    public long[] Apportion(long total)
    {
        var counts = new long[SamplingVariants.All.Count];
        var remainders = new List<(SamplingVariant Variant, double Remainder)>();
        foreach (var (variant, share) in Shares)
        {
            var exact = share * total;
            counts[(int)variant] = (long)Math.Floor(exact);
            remainders.Add((variant, exact - Math.Floor(exact)));
        }
        var left = total - counts.Sum();
        foreach (var (variant, _) in remainders.OrderByDescending(r => r.Remainder).ThenBy(r => r.Variant))
        {
            if (left-- <= 0) break;
            counts[(int)variant]++;
        }
        return counts;
    }

    public override string ToString() =>
        string.Join(",", Shares.Select(s => $"{s.Variant.Name()}={s.Share.ToString("R", CultureInfo.InvariantCulture)}"));
}
