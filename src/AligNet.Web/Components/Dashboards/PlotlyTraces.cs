using Plotly.Blazor;
using Plotly.Blazor.Traces;

namespace AligNet.Web.Components.Dashboards;

/// <summary>ChartSeries → Plotly traces: the only place that knows Plotly's trace types.</summary>
internal static class PlotlyTraces
{
    public static ITrace From(ChartSeries s)
    {
        var x = s.X.ToList();
        // A null y is a gap in the line (Plotly draws none there).
        List<object> y = [.. s.Y.Select(v => v is { } value ? (object)value : null!)];
        var text = s.Labels?.ToList();
        if (s.Kind == SeriesKind.Bar)
        {
            return new Bar
            {
                Name = s.Name, X = x, Y = y, TextArray = text,
                ErrorY = s.Low is null ? null : new Plotly.Blazor.Traces.BarLib.ErrorY
                {
                    Type = Plotly.Blazor.Traces.BarLib.ErrorYLib.TypeEnum.Data, Symmetric = false,
                    Array = Above(s), ArrayMinus = Below(s),
                },
                Marker = s.Colors is null ? null : new Plotly.Blazor.Traces.BarLib.Marker { ColorArray = [.. s.Colors] },
            };
        }
        return new Scatter
        {
            Name = s.Name, X = x, Y = y, HoverTextArray = text,
            // hover-image.js reads the point's image URL from customdata.
            CustomData = s.ImageUrls is null ? null : [.. s.ImageUrls],
            Mode = s.Kind == SeriesKind.Markers ? Plotly.Blazor.Traces.ScatterLib.ModeFlag.Markers
                : Plotly.Blazor.Traces.ScatterLib.ModeFlag.Lines | Plotly.Blazor.Traces.ScatterLib.ModeFlag.Markers,
            ErrorY = s.Low is null ? null : new Plotly.Blazor.Traces.ScatterLib.ErrorY
            {
                Type = Plotly.Blazor.Traces.ScatterLib.ErrorYLib.TypeEnum.Data, Symmetric = false,
                Array = Above(s), ArrayMinus = Below(s),
            },
            Marker = s.Colors is null ? null : new Plotly.Blazor.Traces.ScatterLib.Marker { ColorArray = [.. s.Colors] },
        };
    }

    // Plotly draws error bars as distances from y, not as the interval's ends.
    private static IList<object> Above(ChartSeries s) => [.. s.Y.Select((v, i) => (object)(s.High![i] - v ?? 0))];
    private static IList<object> Below(ChartSeries s) => [.. s.Y.Select((v, i) => (object)(v - s.Low![i] ?? 0))];
}
