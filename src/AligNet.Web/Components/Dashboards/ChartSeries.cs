namespace AligNet.Web.Components.Dashboards;

/// <summary>How a series is drawn.</summary>
public enum SeriesKind
{
    Line,
    Bar,
    Markers,
}

/// <summary>
/// One series of a <see cref="DashboardChart"/>: the numbers a page computed on the server. The chart and its CSV are
/// both made from this record, so what a person downloads is exactly what they see. <see cref="Low"/> and
/// <see cref="High"/> are an interval around each y (drawn as error bars), <see cref="Labels"/> the hover text.
/// </summary>
public sealed record ChartSeries(string Name, IReadOnlyList<object> X, IReadOnlyList<double?> Y, SeriesKind Kind = SeriesKind.Line)
{
    public IReadOnlyList<double?>? Low { get; init; }
    public IReadOnlyList<double?>? High { get; init; }
    public IReadOnlyList<string>? Labels { get; init; }

    /// <summary>Marker colours per point (e.g. by category), in any CSS colour form; null for the series' colour.</summary>
    public IReadOnlyList<string>? Colors { get; init; }

    /// <summary>An image per point, shown beside the cursor while the point is hovered (e.g. a stimulus); null for none.</summary>
    public IReadOnlyList<string>? ImageUrls { get; init; }
}
