using AligNet.Data.Dashboards;
using AligNet.Web.Components.Dashboards;

namespace AligNet.Web.Components.Pages.Research.Dashboards;

/// <summary>One figure of a stored evaluation report per level as a chart series, its 95 % interval as error bars.</summary>
internal static class EvaluationSeries
{
    /// <param name="levels">The x axis; a level the report lacks is a gap.</param>
    public static ChartSeries PerLevel(string name, EvaluationReportView report, IReadOnlyList<string> levels, string source, string figure, SeriesKind kind = SeriesKind.Bar)
    {
        var figures = levels.Select(l => report.Get(l, source, figure)).ToList();
        return new ChartSeries(name, [.. levels], [.. figures.Select(f => f?.Value)], kind)
        {
            Low = [.. figures.Select(f => f?.CiLow ?? f?.Value)], High = [.. figures.Select(f => f?.CiHigh ?? f?.Value)],
        };
    }
}
