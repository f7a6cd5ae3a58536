using AligNet.Data;
using AligNet.Data.Access;
using AligNet.Data.Dashboards;
using AligNet.Data.Models;
using AligNet.Domain.Models;
using AligNet.Web.Accounts;
using AligNet.Web.Components.Dashboards;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Web.Components.Pages.Research.Dashboards;

/// <summary>Teachers over time and one version's evaluation (issue 16); <c>?set=…&amp;version=…</c> is the permalink.</summary>
public partial class ModelsDashboard
{
    public sealed record VersionRow(Guid Id, DateTimeOffset CreatedAt, string BaseModel, double Accuracy, double BaseAccuracy, double? NoiseCeiling, double Nll, double Ece, bool Active);

    [SupplyParameterFromQuery(Name = "set")] public Guid? Set { get; set; }
    [SupplyParameterFromQuery(Name = "version")] public Guid? Version { get; set; }
    /// <summary>Whose representation the second stimulus map shows: the shown teacher (default) or a student of the set.</summary>
    [SupplyParameterFromQuery(Name = "map")] public Guid? MapOf { get; set; }
    [Inject] private IDbContextFactory<AligNetDbContext> Contexts { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = default!;

    private List<ModelsQuery.SetChoice> sets = [];
    private Guid? setId;
    private List<ModelVersion> teachers = [];
    private List<VersionRow> rows = [];
    private ModelVersion? version;
    private ModelsQuery.EvaluationRow? evaluation;
    private EvaluationReportView? report;
    private IReadOnlyList<ChartSeries> accuracySeries = [], nllSeries = [], eceSeries = [], levelSeries = [], reliabilitySeries = [], rtSeries = [], rtScatter = [], mapSeries = [], versionMapSeries = [];
    private List<(Guid Id, string Name)> mapChoices = [];
    private Guid? mapVersionId;
    private string versionMapTitle = "";
    private string rtScatterCaption = "";

    protected override async Task OnParametersSetAsync()
    {
        await using var db = await Contexts.CreateDbContextAsync();
        var query = new ModelsQuery(db, new StaffAccess(db, await CurrentStaff.RequireAsync(Authentication)));
        sets = await query.SetsWithTeachersAsync();
        setId = Set ?? sets.FirstOrDefault()?.Id;
        teachers = setId is { } id ? await query.TeachersAsync(id) : [];
        var metrics = teachers.Select(t => (t, m: t.TeacherMetrics())).ToList();
        rows = [.. metrics.Select(x => new VersionRow(x.t.Id, x.t.CreatedAt, $"{x.t.BaseModel} {x.t.BaseModelVersion}", x.m.Teacher.Accuracy,
            x.m.Base.Accuracy, x.m.Teacher.NoiseCeiling, x.m.Teacher.Nll, x.m.Teacher.Ece, x.t.IsActive))];
        List<object> when = [.. teachers.Select(t => (object)t.CreatedAt.UtcDateTime)];
        accuracySeries =
        [
            new("teacher", when, [.. metrics.Select(x => (double?)x.m.Teacher.Accuracy)]),
            new("base model", when, [.. metrics.Select(x => (double?)x.m.Base.Accuracy)]),
            new("noise ceiling", when, [.. metrics.Select(x => x.m.Teacher.NoiseCeiling)], SeriesKind.Markers),
        ];
        nllSeries =
        [
            new("teacher", when, [.. metrics.Select(x => (double?)x.m.Teacher.Nll)]),
            new("base model", when, [.. metrics.Select(x => (double?)x.m.BaseCalibrated.Nll)]),
        ];
        eceSeries =
        [
            new("before calibration", when, [.. metrics.Select(x => (double?)x.m.TeacherUncalibrated.Ece)]),
            new("after calibration", when, [.. metrics.Select(x => (double?)x.m.Teacher.Ece)]),
        ];
        version = teachers.FirstOrDefault(t => t.Id == Version) ?? teachers.FirstOrDefault(t => t.IsActive) ?? teachers.LastOrDefault();
        var map = version is null ? [] : await query.StimulusMapAsync(version.StimulusSetId, version.BaseModel, version.BaseModelVersion);
        mapSeries = StimulusMapSeries.Of(map);
        if (version is not null) await DrawVersionMapAsync(query, version, map);
        evaluation = version is null ? null : (await query.LatestEvaluationsAsync([version.Id])).FirstOrDefault();
        report = evaluation is null ? null : EvaluationReportView.Parse(evaluation.Report);
        if (report is not null) DrawEvaluation(report);
    }

    private async Task DrawVersionMapAsync(ModelsQuery query, ModelVersion teacher, IReadOnlyList<ModelsQuery.MapPoint> baseMap)
    {
        mapChoices = [(teacher.Id, $"teacher {teacher.CreatedAt:yyyy-MM-dd HH:mm}"), .. (await query.StudentsAsync(teacher.StimulusSetId)).Select(s => (s.Version.Id, s.Name))];
        mapVersionId = mapChoices.Any(c => c.Id == MapOf) ? MapOf : teacher.Id;
        versionMapTitle = $"… and of the {mapChoices.First(c => c.Id == mapVersionId).Name}'s representation";
        var latest = (await query.LatestEvaluationsAsync([mapVersionId!.Value])).FirstOrDefault();
        var stored = latest is null ? null : EvaluationReportView.Parse(latest.Report).Map();
        versionMapSeries = stored is { } m ? StimulusMapSeries.Of(m.Points, baseMap) : [];
    }

    private void DrawEvaluation(EvaluationReportView r)
    {
        ChartSeries PerLevel(string name, string source, string figure, SeriesKind kind) => EvaluationSeries.PerLevel(name, r, r.Levels, source, figure, kind);
        levelSeries = [PerLevel("base model", "baseline", "accuracy", SeriesKind.Bar), PerLevel("teacher", "model", "accuracy", SeriesKind.Bar),
            PerLevel("noise ceiling", "human", "noise_ceiling", SeriesKind.Markers)];
        rtSeries = [PerLevel("teacher entropy", "model", "rt_rho", SeriesKind.Bar), PerLevel("base entropy", "baseline", "rt_rho", SeriesKind.Bar),
            PerLevel("human entropy", "human", "rt_rho", SeriesKind.Bar)];
        var sample = r.RtPoints("model");
        rtScatter = sample is not { } s ? [] : [.. s.Points.GroupBy(p => p.Level).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
            new ChartSeries(g.Key, [.. g.Select(p => (object)p.Entropy)], [.. g.Select(p => (double?)p.RtMs)], SeriesKind.Markers)
            {
                // y is the geometric mean; the label (hover and the CSV's label column) carries the mean log RT ρ ranks.
                Labels = [.. g.Select(p => MeanLogRtLabel(p.RtMs))],
            })];
        rtScatterCaption = sample is not { } c ? "" : c.Points.Count == c.Total
            ? $"All {c.Total} triplets with a reaction time, one point each."
            : $"{c.Points.Count} of {c.Total} triplets with a reaction time (an evenly spread sample), one point each.";
        ChartSeries Reliability(string name, string model)
        {
            var bins = r.Reliability(model);
            return new ChartSeries(name, [.. bins.Select(b => (object)b.Confidence)], [.. bins.Select(b => (double?)b.Accuracy)])
            {
                Labels = [.. bins.Select(b => $"{b.Responses} responses")],
            };
        }
        reliabilitySeries = [Reliability("teacher", "model"), Reliability("base model", "baseline"),
            new ChartSeries("perfect calibration", [1.0 / 3, 1.0], [1.0 / 3, 1.0])];
    }

    /// <summary>The triplet's mean log RT (natural log of seconds, as the evaluation core keeps it), from its geometric mean in ms.</summary>
    internal static string MeanLogRtLabel(double geometricMeanMs) => FormattableString.Invariant($"mean log RT {Math.Log(geometricMeanMs / 1000):F6} ln s");

    private static string Link(Guid? set, Guid? version, Guid? mapOf = null) =>
        "/research/models" + (set is null ? "" : $"?set={set}" + (version is null ? "" : $"&version={version}" + (mapOf is null ? "" : $"&map={mapOf}")));

    private void Go(Guid? set, Guid? chosen) => Navigation.NavigateTo(Link(set, chosen));
}
