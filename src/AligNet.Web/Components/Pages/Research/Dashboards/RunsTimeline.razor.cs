using AligNet.Data;
using AligNet.Data.Access;
using AligNet.Data.Dashboards;
using AligNet.Data.Runs;
using AligNet.Domain.Models;
using AligNet.Domain.Runs;
using AligNet.Web.Accounts;
using AligNet.Web.Components.Dashboards;
using AligNet.Web.Runs;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Web.Components.Pages.Research.Dashboards;

/// <summary>
/// Runs over time and one run's curves (issue 16). The timeline is read again when a run is launched or changes state
/// (every run's NOTIFY, <see cref="RunChangeNotifier"/>). The chosen run is followed through <see cref="RunChangeNotifier"/>:
/// the page first draws the curve points the run stored (<see cref="RunCurvePoint"/>, written with each progress update)
/// and each update the worker announces appends the points stored since; a finished teacher's version curve replaces them.
/// </summary>
public partial class RunsTimeline : IDisposable
{
    [SupplyParameterFromQuery(Name = "set")] public Guid? Set { get; set; }
    [SupplyParameterFromQuery(Name = "days")] public int Days { get; set; }
    [SupplyParameterFromQuery(Name = "run")] public Guid? Run { get; set; }
    [Inject] private IDbContextFactory<AligNetDbContext> Contexts { get; set; } = default!;
    [Inject] private RunChangeNotifier Notifier { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = default!;

    private Dictionary<Guid, string> setNames = [];
    private List<RunsTimelineQuery.TimelineRun> runs = [];
    private IReadOnlyList<ChartSeries> timeline = [], lossSeries = [], accuracySeries = [];
    private readonly List<RunCurvePoint> points = [];
    private IDisposable? subscription, everyRun;
    private StaffCaller? caller;
    private readonly Dictionary<Guid, RunState> knownStates = [];

    protected override async Task OnParametersSetAsync()
    {
        Days = Days is 1 or 7 or 30 or 90 ? Days : 30;
        await using var db = await Contexts.CreateDbContextAsync();
        caller ??= await CurrentStaff.RequireAsync(Authentication);
        var access = new StaffAccess(db, caller);
        setNames = await access.StimulusSets().ToDictionaryAsync(s => s.Id, s => s.Name);
        var query = new RunsTimelineQuery(db, access);
        await LoadTimelineAsync(query);
        everyRun ??= Notifier.Subscribe(null, id => InvokeAsync(() => RunChangedAsync(id)));
        subscription?.Dispose();
        subscription = null;
        points.Clear();
        if (runs.FirstOrDefault(r => r.Id == Run) is not { } chosen)
        {
            lossSeries = accuracySeries = [];
            return;
        }
        // A finished teacher's version holds the richer curve (validation loss too); any other run draws the points it
        // reported, and a running one is followed: subscribed first, so no point written while the page loads is missed.
        var versionCurve = await query.CurveAsync(chosen.ModelVersionId);
        if (versionCurve.Count > 0)
        {
            DrawCurves(versionCurve);
            return;
        }
        if (chosen.State is RunState.Queued or RunState.Running)
        {
            subscription = Notifier.Subscribe(chosen.Id, _ => InvokeAsync(async () =>
            {
                await using var fresh = await Contexts.CreateDbContextAsync();
                if (Append(await RunsTimelineQuery.RunCurveAsync(fresh, chosen.Id, LastSeq))) StateHasChanged();
            }));
        }
        Append(await RunsTimelineQuery.RunCurveAsync(db, chosen.Id));
        DrawPoints();
    }

    private async Task LoadTimelineAsync(RunsTimelineQuery query)
    {
        runs = await query.RunsAsync(DateTimeOffset.UtcNow.AddDays(-Days), Set);
        foreach (var r in runs) knownStates[r.Id] = r.State;
        var now = DateTimeOffset.UtcNow;
        timeline = [.. runs.GroupBy(r => r.State).Select(g => new ChartSeries(g.Key.ToString(),
            [.. g.Select(r => (object)r.CreatedAt.UtcDateTime)],
            [.. g.Select(r => r.StartedAt is { } start ? ((r.FinishedAt ?? now) - start).TotalMinutes : (double?)0)], SeriesKind.Markers)
        {
            Labels = [.. g.Select(r => $"{r.Kind} {(r.StimulusSetId is { } s && setNames.TryGetValue(s, out var n) ? n : "")}: {r.Outcome}")],
        })];
    }

    /// <summary>
    /// Any run was announced: launched, changed state, or reported progress. Only a run not seen before or in a new
    /// state reloads the timeline (a running run reports up to twice a second; its state is one primary-key read).
    /// </summary>
    private async Task RunChangedAsync(Guid id)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        var state = await db.Runs.Where(r => r.Id == id).Select(r => (RunState?)r.State).FirstOrDefaultAsync();
        if (state is null || caller is null || knownStates.TryGetValue(id, out var known) && known == state) return;
        knownStates[id] = state.Value;
        await LoadTimelineAsync(new RunsTimelineQuery(db, new StaffAccess(db, caller)));
        StateHasChanged();
    }

    private int LastSeq => points.Count == 0 ? -1 : points[^1].Seq;

    /// <summary>Adds the points not drawn yet (a notification and the first load may overlap) and redraws.</summary>
    private bool Append(IEnumerable<RunCurvePoint> fresh)
    {
        var added = fresh.Where(p => p.Seq > LastSeq).OrderBy(p => p.Seq).ToList();
        if (added.Count == 0) return false;
        points.AddRange(added);
        DrawPoints();
        return true;
    }

    private void DrawCurves(IReadOnlyList<CurvePoint> curve)
    {
        // One line per λ of the grid search: epochs restart at each λ.
        lossSeries = [.. curve.GroupBy(p => p.Lambda).SelectMany(g => new[]
        {
            new ChartSeries($"train λ={g.Key:G3}", [.. g.Select(p => (object)p.Epoch)], [.. g.Select(p => (double?)p.TrainLoss)]),
            new ChartSeries($"validation λ={g.Key:G3}", [.. g.Select(p => (object)p.Epoch)], [.. g.Select(p => (double?)p.ValidationLoss)]),
        })];
        accuracySeries = [.. curve.GroupBy(p => p.Lambda).Select(g =>
            new ChartSeries($"λ={g.Key:G3}", [.. g.Select(p => (object)p.Epoch)], [.. g.Select(p => (double?)p.ValidationAccuracy)]))];
    }

    private void DrawPoints()
    {
        // One line per stage (a teacher's epochs restart at each λ); x is the epoch, or the step where there is none.
        var stages = points.GroupBy(p => p.Stage).ToList();
        lossSeries = [.. stages.Select(g => Line($"loss {g.Key}", g, p => p.Loss)).OfType<ChartSeries>()];
        accuracySeries = [.. stages.Select(g => Line($"validation accuracy {g.Key}", g, p => p.ValidationAccuracy)).OfType<ChartSeries>()];
    }

    private static ChartSeries? Line(string name, IEnumerable<RunCurvePoint> stage, Func<RunCurvePoint, double?> y)
    {
        var withValue = stage.Where(p => y(p) is not null).ToList();
        return withValue.Count == 0 ? null : new ChartSeries(name, [.. withValue.Select(p => (object)(p.Epoch ?? p.Done))], [.. withValue.Select(y)]);
    }

    /// <summary>
    /// The timeline address that shows a run's curves (the shortest period that holds it), or null when it has none to
    /// show or is older than the longest period: for the runs list.
    /// </summary>
    public static string? CurvesLink(Run run)
    {
        var hasCurve = run.CurvePointsReported > 0 || run.Kind == RunKind.Teacher && run.ModelVersionId is not null;
        var age = DateTimeOffset.UtcNow - run.CreatedAt;
        int[] periods = [1, 7, 30, 90];
        return hasCurve && run.Kind != RunKind.Pipeline && periods.FirstOrDefault(d => age < TimeSpan.FromDays(d)) is > 0 and var days
            ? Link(null, days, run.Id) : null;
    }

    private static string Link(Guid? set, int days, Guid? run) =>
        $"/research/runs/timeline?days={days}" + (set is null ? "" : $"&set={set}") + (run is null ? "" : $"&run={run}");

    private void Go(Guid? set, int days, Guid? run) => Navigation.NavigateTo(Link(set, days, run));

    public void Dispose()
    {
        subscription?.Dispose();
        everyRun?.Dispose();
    }
}
