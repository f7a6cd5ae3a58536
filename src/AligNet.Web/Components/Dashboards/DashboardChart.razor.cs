using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using PlotLayout = Plotly.Blazor.Layout;

namespace AligNet.Web.Components.Dashboards;

public partial class DashboardChart
{
    /// <summary>Names the chart in the page (data-testid), its plot element (id + "-plot") and its CSV file.</summary>
    [Parameter, EditorRequired] public string TestId { get; set; } = "";
    [Parameter, EditorRequired] public string Title { get; set; } = "";
    [Parameter, EditorRequired] public IReadOnlyList<ChartSeries> Series { get; set; } = [];
    [Parameter] public string? Caption { get; set; }
    [Parameter] public string? XTitle { get; set; }
    [Parameter] public string? YTitle { get; set; }
    [Parameter] public int Height { get; set; } = 300;
    /// <summary>Bars of several series side by side (group) or on top of each other (stack).</summary>
    [Parameter] public bool StackBars { get; set; }
    [Parameter] public string Empty { get; set; } = "No data yet.";

    [Inject] private IJSRuntime Js { get; set; } = default!;

    private PlotlyChart? chart;
    private IJSObjectReference? hoverImages;
    private IList<ITrace> traces = [];
    private PlotLayout layout = new();
    private Config config = new();
    private IReadOnlyList<ChartSeries>? drawn;
    private bool redraw;

    private bool HasData => Series.Any(s => s.X.Count > 0);

    /// <summary>A data: URL, so the download needs neither an endpoint nor script (the CSP allows it as a link target).</summary>
    internal string CsvHref => "data:text/csv;charset=utf-8," + Uri.EscapeDataString(ChartCsv.Write(Series));

    protected override void OnParametersSet()
    {
        if (ReferenceEquals(drawn, Series)) return;
        redraw = drawn is not null;
        drawn = Series;
        traces = [.. Series.Select(PlotlyTraces.From)];
        layout = new PlotLayout
        {
            Height = Height,
            Margin = new Margin { L = 60, R = 20, T = 10, B = 50 },
            BarMode = StackBars ? BarModeEnum.Stack : BarModeEnum.Group,
            XAxis = [new XAxis { Title = new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = XTitle } }],
            YAxis = [new YAxis { Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = YTitle } }],
        };
        // The modebar stays (its camera button downloads PNG); the logo and the cloud links go (offline, no vendor).
        config = new Config { Responsive = true, DisplayLogo = false, ShowLink = false, ShowSendToCloud = false, ShowEditInChartStudio = false };
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (HasData && Series.Any(s => s.ImageUrls is not null))
        {
            // Plotly's hover shows text only; the module adds the point's image beside the cursor (idempotent per plot).
            hoverImages ??= await Js.InvokeAsync<IJSObjectReference>("import", "/js/dashboards/hover-image.js");
            await hoverImages.InvokeVoidAsync("attach", TestId + "-plot");
        }
        // PlotlyChart draws its first parameters by itself; new ones (passed on by this render) need an explicit React.
        if (!redraw || chart is null) return;
        redraw = false;
        await chart.React();
    }
}
