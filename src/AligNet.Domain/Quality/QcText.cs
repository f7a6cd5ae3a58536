using System.Globalization;

namespace AligNet.Domain.Quality;

/// <summary>How QC reasons write their figures: invariant culture, so stored reasons read the same everywhere.</summary>
internal static class QcText
{
    public static string Percent(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
    public static string Ms(int ms) => ms.ToString("N0", CultureInfo.InvariantCulture) + " ms";
    public static string Position(int position) => position switch { 0 => "left", 1 => "middle", _ => "right" };
}
