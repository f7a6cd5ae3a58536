using System.Globalization;
using System.Text;

namespace AligNet.Web.Components.Dashboards;

/// <summary>
/// A chart's data as CSV in long form (series, x, y, low, high, label): one line per point, invariant culture, ISO
/// times in UTC, quoted where RFC 4180 needs it. Spreadsheets and pandas read it without options.
/// </summary>
public static class ChartCsv
{
    public static string Write(IEnumerable<ChartSeries> series)
    {
        var csv = new StringBuilder("series,x,y,low,high,label\n");
        foreach (var s in series)
        {
            for (var i = 0; i < s.X.Count; i++)
            {
                csv.Append(Field(s.Name)).Append(',')
                    .Append(Field(Format(s.X[i]))).Append(',')
                    .Append(Format(s.Y[i])).Append(',')
                    .Append(Format(s.Low?[i])).Append(',')
                    .Append(Format(s.High?[i])).Append(',')
                    .Append(Field(s.Labels?[i] ?? "")).Append('\n');
            }
        }
        return csv.ToString();
    }

    /// <summary>A value as the CSV and the chart's hover both show it.</summary>
    public static string Format(object? value) => value switch
    {
        null => "",
        DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Field(string text) =>
        text.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
