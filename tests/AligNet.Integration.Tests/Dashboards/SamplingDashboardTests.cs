using AligNet.Data.Models;
using AligNet.Web.Components.Pages.Research.Dashboards;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace AligNet.Integration.Tests.Dashboards;

/// <summary>The Sampling page in bUnit: where it looks for published results and what its charts' CSV holds.</summary>
public sealed class SamplingDashboardTests : BunitContext
{
    private readonly string artifacts = Directory.CreateTempSubdirectory("sampling-bunit-").FullName;

    public SamplingDashboardTests()
    {
        Services.AddMudServices();
        Services.AddSingleton(Options.Create(new ArtifactStoreOptions { Root = artifacts }));
        JSInterop.Mode = JSRuntimeMode.Loose;
        // The live half reads the database; it is tested in the browser (DashboardPagesTests.SamplingLive), this class
        // tests the published-simulation half.
        ComponentFactories.AddStub<SamplingLive>();
    }

    [Fact]
    public void Without_a_published_result_it_says_how_to_publish_one()
    {
        var page = Render<SamplingDashboard>();

        Assert.Contains("--publish demo", page.Find("[data-testid=sampling-empty]").TextContent);
        Assert.Empty(page.FindAll("#chart-sampling-plot"));
    }

    [Fact]
    public void A_published_result_is_drawn_per_arm_as_the_mean_across_seeds_with_its_interval()
    {
        var folder = Directory.CreateDirectory(Path.Combine(artifacts, "simulations", "sampling")).FullName;
        File.WriteAllLines(Path.Combine(folder, "two-seeds.csv"),
        [
            "arm,seed,round,responses,accuracy,oracle_agreement,held_out_nll,next_batch_entropy,train_seconds,score_seconds",
            "adaptive,0,0,100,0.5,0.5,1,1.0,1,0", "adaptive,1,0,100,0.7,0.5,1,1.1,1,0",
            "random,0,0,100,0.4,0.4,1,0.9,1,0", "random,1,0,100,0.4,0.4,1,0.8,1,0",
        ]);

        var page = Render<SamplingDashboard>();

        // Two seeds: mean 0.6, s = 0.141421356, t(0.975, 1) = 12.7062047 → half-width 12.7062047 · 0.1 = 1.27062047.
        var csv = Uri.UnescapeDataString(page.Find("[data-testid=chart-sampling-csv]").GetAttribute("href")!.Split(',', 2)[1]);
        var rows = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("series,x,y,low,high,label", rows[0]);
        var adaptive = rows[1].Split(',');
        Assert.Equal(("adaptive", "100"), (adaptive[0], adaptive[1]));
        Assert.Equal(0.6, double.Parse(adaptive[2], System.Globalization.CultureInfo.InvariantCulture), 12);
        Assert.Equal(0.6 - 1.2706204736, double.Parse(adaptive[3], System.Globalization.CultureInfo.InvariantCulture), 8);
        Assert.StartsWith("random,100,0.4,0.4,0.4,", rows[2], StringComparison.Ordinal);
    }
}
