using System.Globalization;
using AligNet.Web.Components.Dashboards;
using Bunit;
using MudBlazor.Services;

namespace AligNet.Integration.Tests.Dashboards;

/// <summary>The chart wrapper in bUnit: what it renders, the CSV behind its link, and the traces it gives Plotly.</summary>
public sealed class DashboardChartTests : BunitContext
{
    public DashboardChartTests()
    {
        Services.AddMudServices();
        // Plotly.Blazor talks to plotly.js through JS interop, which bUnit has no browser for; the browser tests draw.
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    private static readonly ChartSeries Accuracy = new("teacher, v2", ["set A", "set \"B\""], [0.61, null], SeriesKind.Bar)
    {
        Low = [0.58, null], High = [0.65, null],
    };

    [Fact]
    public void It_renders_the_plot_element_and_a_csv_link_whose_data_are_the_series_in_long_form()
    {
        var chart = Render<DashboardChart>(p => p.Add(c => c.TestId, "chart-acc").Add(c => c.Title, "Accuracy").Add(c => c.Series, [Accuracy]));

        Assert.NotNull(chart.Find("#chart-acc-plot"));
        var link = chart.Find("[data-testid=chart-acc-csv]");
        Assert.Equal("chart-acc.csv", link.GetAttribute("download"));
        var href = link.GetAttribute("href")!;
        Assert.StartsWith("data:text/csv;charset=utf-8,", href, StringComparison.Ordinal);
        Assert.Equal(
            "series,x,y,low,high,label\n\"teacher, v2\",set A,0.61,0.58,0.65,\n\"teacher, v2\",\"set \"\"B\"\"\",,,,\n",
            Uri.UnescapeDataString(href["data:text/csv;charset=utf-8,".Length..]));
    }

    [Fact]
    public void Without_data_it_says_so_and_offers_no_download()
    {
        var chart = Render<DashboardChart>(p => p.Add(c => c.TestId, "chart-empty").Add(c => c.Title, "Nothing").Add(c => c.Series, [])
            .Add(c => c.Empty, "No responses yet."));

        Assert.Equal("No responses yet.", chart.Find("[data-testid=chart-empty-empty]").TextContent);
        Assert.Empty(chart.FindAll("#chart-empty-plot"));
        Assert.Empty(chart.FindAll("[data-testid=chart-empty-csv]"));
    }

    [Fact]
    public void New_series_are_drawn_again_through_plotlys_react()
    {
        var chart = Render<DashboardChart>(p => p.Add(c => c.TestId, "chart-live").Add(c => c.Title, "Live").Add(c => c.Series, [Accuracy]));
        var before = AllInvocations().Count(i => i.Contains("react", StringComparison.OrdinalIgnoreCase));

        chart.Render(p => p.Add(c => c.Series, [Accuracy with { Y = [0.7, 0.5] }]));

        Assert.Contains("0.7", Uri.UnescapeDataString(chart.Find("[data-testid=chart-live-csv]").GetAttribute("href")!), StringComparison.Ordinal);
        Assert.True(AllInvocations().Count(i => i.Contains("react", StringComparison.OrdinalIgnoreCase)) > before,
            "expected a Plotly react call after new data; calls: " + string.Join(", ", AllInvocations()));
    }

    private IEnumerable<string> AllInvocations() => JSInterop.Invocations.Select(i => i.Identifier);

    [Fact]
    public void Csv_numbers_and_times_are_culture_invariant()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            var csv = ChartCsv.Write([new ChartSeries("rt", [new DateTime(2026, 11, 30, 13, 0, 0)], [1234.5])]);
            Assert.Equal("series,x,y,low,high,label\nrt,2026-11-30T13:00:00,1234.5,,,\n", csv);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Intervals_become_error_bars_measured_from_the_value()
    {
        var bar = (Plotly.Blazor.Traces.Bar)PlotlyTraces.From(Accuracy);
        Assert.Equal(0.65 - 0.61, (double)bar.ErrorY!.Array![0], 12);
        Assert.Equal(0.61 - 0.58, (double)bar.ErrorY.ArrayMinus![0], 12);
        Assert.Equal([0.61, null], bar.Y!.Select(v => (double?)v));
    }
}
