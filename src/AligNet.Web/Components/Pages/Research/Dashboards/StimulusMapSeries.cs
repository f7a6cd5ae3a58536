using AligNet.Data.Dashboards;
using AligNet.Web.Components.Dashboards;

namespace AligNet.Web.Components.Pages.Research.Dashboards;

/// <summary>A stimulus map as chart series: one marker series per top-level category, each point with its image for hover.</summary>
public static class StimulusMapSeries
{
    public static IReadOnlyList<ChartSeries> Of(IEnumerable<ModelsQuery.MapPoint> points) =>
        [.. points.GroupBy(p => p.Category).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new ChartSeries(g.Key,
            [.. g.Select(p => (object)p.X)], [.. g.Select(p => (double?)p.Y)], SeriesKind.Markers) {
                Labels = [.. g.Select(p => p.Label)], ImageUrls = [.. g.Select(p => $"/api/stimuli/{p.StimulusId}/image?w=160")],
            })];

    /// <summary>
    /// A version's stored map, labelled and coloured from the base map's stimuli (same set); a stimulus the base map
    /// lacks keeps its point, labelled by id, so nothing stored is dropped from the chart.
    /// </summary>
    public static IReadOnlyList<ChartSeries> Of(IReadOnlyList<EvaluationReportView.MapPoint> stored, IReadOnlyList<ModelsQuery.MapPoint> baseMap)
    {
        var known = baseMap.ToDictionary(p => p.StimulusId);
        return Of(stored.Select(p => known.TryGetValue(p.StimulusId, out var b)
            ? b with { X = p.X, Y = p.Y }
            : new ModelsQuery.MapPoint(p.StimulusId, p.StimulusId.ToString(), "(not in the base map)", p.X, p.Y)));
    }
}
