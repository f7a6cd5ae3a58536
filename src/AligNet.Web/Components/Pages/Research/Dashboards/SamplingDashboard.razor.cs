using AligNet.Data.Dashboards;
using AligNet.Data.Models;
using AligNet.Evaluation;
using AligNet.Evaluation.Simulation;
using AligNet.Web.Components.Dashboards;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace AligNet.Web.Components.Pages.Research.Dashboards;

/// <summary>
/// The Sampling dashboard (issue 16): a published adaptive-vs-random simulation (ADR-022), each arm's mean across
/// seeds with its t interval, computed on the server by <see cref="SamplingCurves"/> from the CLI's long CSV; below it
/// the live part for one adaptive study (<see cref="SamplingLive"/>, <c>?study=</c>).
/// </summary>
public partial class SamplingDashboard
{
    internal sealed record Measure(string Key, string Title, string Axis, Func<SamplingPoint, double> Value);

    internal static readonly Measure[] Measures =
    [
        new("accuracy", "Held-out accuracy", "accuracy (noisy oracle answers)", p => p.Accuracy),
        new("agreement", "Agreement with the noise-free oracle", "agreement", p => p.OracleAgreement),
        new("nll", "Held-out NLL", "nats", p => p.HeldOutNll),
    ];

    [SupplyParameterFromQuery(Name = "result")] public string? Result { get; set; }
    [SupplyParameterFromQuery(Name = "metric")] public string? Metric { get; set; }
    [SupplyParameterFromQuery(Name = "study")] public Guid? Study { get; set; }
    [SupplyParameterFromQuery(Name = "bucket")] public string? Bucket { get; set; }
    [Inject] private IOptions<ArtifactStoreOptions> Artifacts { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private SamplingResultFiles Files => new(Artifacts.Value.Root);
    private IReadOnlyList<SamplingResultFiles.Entry> results = [];
    private string? chosen, problem, caption;
    private Measure measure = Measures[0];
    private IReadOnlyList<ChartSeries> curves = [], entropy = [];
    private IReadOnlyList<SamplingSummary> summary = [];

    protected override void OnParametersSet()
    {
        measure = Measures.FirstOrDefault(m => m.Key == Metric) ?? Measures[0];
        results = Files.List();
        chosen = results.Any(r => r.Name == Result) ? Result : results.FirstOrDefault()?.Name;
        (problem, caption, curves, entropy, summary) = (null, null, [], [], []);
        if (chosen is null) return;
        IReadOnlyList<SamplingPoint> points;
        try
        {
            points = Files.Read(chosen);
        }
        catch (Exception ex) when (ex is DataFormatException or IOException)
        {
            problem = $"The result '{chosen}' cannot be read: {ex.Message} Publish it again with 'alignet simulate sampling --publish {chosen}'.";
            return;
        }
        summary = SamplingCurves.Summarize(points, measure.Value);
        curves = Series(summary);
        entropy = Series(SamplingCurves.Summarize(points.Where(p => p.NextBatchEntropy is not null), p => p.NextBatchEntropy!.Value));
        var seeds = points.Select(p => p.Seed).Distinct().Count();
        caption = $"Mean across {seeds} seed{(seeds == 1 ? "" : "s")}; bars: 95 % t interval across seeds (none with one seed).";
    }

    /// <summary>One line per arm, adaptive first, x = responses collected.</summary>
    internal static IReadOnlyList<ChartSeries> Series(IReadOnlyList<SamplingSummary> summary) =>
        [.. summary.GroupBy(s => s.Arm).OrderBy(g => g.Key == SamplingArms.Adaptive ? 0 : 1).Select(g =>
        {
            var rows = g.OrderBy(s => s.Responses).ToArray();
            return new ChartSeries(g.Key, [.. rows.Select(s => (object)s.Responses)], [.. rows.Select(s => (double?)s.Mean)])
            {
                Low = [.. rows.Select(s => s.Low ?? s.Mean)],
                High = [.. rows.Select(s => s.High ?? s.Mean)],
                Labels = [.. rows.Select(s => $"{s.Arm}, {s.Responses} responses, {s.Seeds} seeds")],
            };
        })];

    private void Go(string? result, string metric) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?> { ["result"] = result, ["metric"] = metric }));
}
