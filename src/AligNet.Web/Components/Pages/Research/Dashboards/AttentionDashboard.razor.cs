using AligNet.Data;
using AligNet.Data.Access;
using AligNet.Data.Dashboards;
using AligNet.Data.Models;
using AligNet.Web.Accounts;
using AligNet.Web.Components.Dashboards;
using AligNet.Web.Diagnostics;
using AligNet.Web.Runs;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Web.Components.Pages.Research.Dashboards;

/// <summary>
/// The staff home (<c>/</c> when signed in): open studies with today's responses, QC alerts, runs in progress and
/// failed (live through <see cref="RunChangeNotifier"/>), the active teacher per set against its predecessor, and the
/// participant API's server latency percentiles over the last day (<see cref="ApiLatencyHistory"/>).
/// </summary>
public partial class AttentionDashboard
{
    /// <summary>One row of the teacher comparison; accuracies are each version's held-out test accuracy.</summary>
    public sealed record TeacherComparison(string Set, double Active, double? Previous, double? NoiseCeiling, double Nll, double? PreviousNll, double Ece, DateTimeOffset? PromotedAt);

    [Inject] private IDbContextFactory<AligNetDbContext> Contexts { get; set; } = default!;
    [Inject] private RunChangeNotifier Notifier { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = default!;

    private DateTimeOffset today;
    private List<AttentionQuery.OpenStudy>? studies;
    private List<AttentionQuery.QcAlert> alerts = [];
    private List<AttentionQuery.ReasonCount> qcReasons = [];
    private List<AttentionQuery.RunRow> runs = [];
    private List<TeacherComparison> teachers = [];
    private IReadOnlyList<ChartSeries> hourly = [];
    private IReadOnlyList<ChartSeries> reasonSeries = [];
    private IReadOnlyList<ChartSeries> teacherSeries = [];
    private IReadOnlyList<ChartSeries> latencySeries = [], routeLatencySeries = [];
    private IDisposable? subscription;

    protected override async Task OnInitializedAsync()
    {
        await using var db = await Contexts.CreateDbContextAsync();
        var query = await QueryAsync(db);
        today = query.Today;
        studies = await query.OpenStudiesAsync();
        var counts = await query.ResponsesPerHourAsync([.. studies.Select(s => s.Id)]);
        hourly = [.. studies.Select(s => counts.Where(c => c.StudyId == s.Id).ToList()).Where(c => c.Count > 0)
            .Select(c => new ChartSeries(studies.First(s => s.Id == c[0].StudyId).Name, [.. c.Select(x => (object)x.Hour)], [.. c.Select(x => (double?)x.Responses)], SeriesKind.Bar))];
        alerts = await query.QcAlertsAsync(50);
        qcReasons = await query.QcReasonsAsync();
        reasonSeries = qcReasons.Count == 0 ? [] :
            [new ChartSeries("sessions", [.. qcReasons.Select(r => (object)r.Reason)], [.. qcReasons.Select(r => (double?)r.Sessions)], SeriesKind.Bar)];
        teachers = [.. (await query.ActiveTeachersAsync()).Select(Compare)];
        teacherSeries = teachers.Count == 0 ? [] :
        [
            new ChartSeries("previous version", [.. teachers.Select(t => (object)t.Set)], [.. teachers.Select(t => t.Previous)], SeriesKind.Bar),
            new ChartSeries("active version", [.. teachers.Select(t => (object)t.Set)], [.. teachers.Select(t => (double?)t.Active)], SeriesKind.Bar),
            new ChartSeries("noise ceiling (active's split)", [.. teachers.Select(t => (object)t.Set)], [.. teachers.Select(t => t.NoiseCeiling)], SeriesKind.Markers),
        ];
        runs = await query.RunsNeedingAttentionAsync();
        var history = await ApiLatencyHistory.ReadHistoryAsync(db, DateTimeOffset.UtcNow.AddHours(-24), TimeSpan.FromMinutes(5));
        var latency = history.AllRoutes;
        latencySeries = latency.Count == 0 ? [] :
        [
            .. new (string Name, Func<ApiLatencyHistory.Point, double> Value)[] { ("p50", p => p.P50Ms), ("p95", p => p.P95Ms), ("p99", p => p.P99Ms) }
                .Select(q => new ChartSeries(q.Name, [.. latency.Select(p => (object)p.Time)], [.. latency.Select(p => (double?)q.Value(p))], SeriesKind.Line)),
        ];
        routeLatencySeries = [.. history.ByRoute.Select(r => new ChartSeries(r.Route, [.. r.Points.Select(p => (object)p.Time)], [.. r.Points.Select(p => (double?)p.P95Ms)], SeriesKind.Line)
            {
                Labels = [.. r.Points.Select(p => $"{p.Requests} requests, p50 {p.P50Ms:F1} ms, p99 {p.P99Ms:F1} ms")],
            })];
        subscription = Notifier.Subscribe(null, _ => InvokeAsync(async () =>
        {
            await using var fresh = await Contexts.CreateDbContextAsync();
            runs = await (await QueryAsync(fresh)).RunsNeedingAttentionAsync();
            StateHasChanged();
        }));
    }

    private async Task<AttentionQuery> QueryAsync(AligNetDbContext db) =>
        new(db, new StaffAccess(db, await CurrentStaff.RequireAsync(Authentication)), DateTimeOffset.UtcNow);

    private static TeacherComparison Compare(AttentionQuery.TeacherPair pair)
    {
        var active = pair.Active.TeacherMetrics().Teacher;
        var previous = pair.Previous?.TeacherMetrics().Teacher;
        return new TeacherComparison(pair.Set, active.Accuracy, previous?.Accuracy, active.NoiseCeiling, active.Nll, previous?.Nll, active.Ece, pair.Active.PromotedAt);
    }

    public void Dispose() => subscription?.Dispose();
}
