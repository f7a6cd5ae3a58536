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
/// Runs over time and one run's curves (issue 16). The chosen run is followed through <see cref="RunChangeNotifier"/>:
/// each progress update the worker announces adds a point to the live curve (the run row keeps only the latest
/// progress, so the live curve starts when the page opens; the stored curve replaces it when the version exists).
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
    private readonly List<RunProgress> live = [];
    private IDisposable? subscription;

    protected override async Task OnParametersSetAsync()
    {
        Days = Days is 1 or 7 or 30 or 90 ? Days : 30;
        await using var db = await Contexts.CreateDbContextAsync();
        var access = new StaffAccess(db, await CurrentStaff.RequireAsync(Authentication));
        setNames = await access.StimulusSets().ToDictionaryAsync(s => s.Id, s => s.Name);
        var query = new RunsTimelineQuery(db, access);
        runs = await query.RunsAsync(DateTimeOffset.UtcNow.AddDays(-Days), Set);
        var now = DateTimeOffset.UtcNow;
        timeline = [.. runs.GroupBy(r => r.State).Select(g => new ChartSeries(g.Key.ToString(),
            [.. g.Select(r => (object)r.CreatedAt.UtcDateTime)],
            [.. g.Select(r => r.StartedAt is { } start ? ((r.FinishedAt ?? now) - start).TotalMinutes : (double?)0)], SeriesKind.Markers)
        {
            Labels = [.. g.Select(r => $"{r.Kind} {(r.StimulusSetId is { } s && setNames.TryGetValue(s, out var n) ? n : "")}: {r.Outcome}")],
        })];
        subscription?.Dispose();
        subscription = null;
        live.Clear();
        if (runs.FirstOrDefault(r => r.Id == Run) is not { } chosen)
        {
            lossSeries = accuracySeries = [];
            return;
        }
        DrawCurves(await query.CurveAsync(chosen.ModelVersionId));
        if (chosen.State is RunState.Queued or RunState.Running)
        {
            if (RunProgressWriter.Read(chosen.Progress) is { } first) live.Add(first);
            DrawLive();
            subscription = Notifier.Subscribe(chosen.Id, _ => InvokeAsync(async () =>
            {
                await using var fresh = await Contexts.CreateDbContextAsync();
                var progress = RunProgressWriter.Read(await fresh.Runs.Where(r => r.Id == chosen.Id).Select(r => r.Progress).FirstOrDefaultAsync());
                if (progress is null || live.Count > 0 && live[^1].At == progress.At) return;
                live.Add(progress);
                DrawLive();
                StateHasChanged();
            }));
        }
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

    private void DrawLive()
    {
        var points = live.Where(p => p.Epoch is not null).ToList();
        if (points.Count == 0) return;
        List<object> epochs = [.. points.Select(p => (object)p.Epoch!.Value)];
        lossSeries = [new ChartSeries("loss (live)", epochs, [.. points.Select(p => p.Loss)])];
        accuracySeries = [new ChartSeries("validation accuracy (live)", epochs, [.. points.Select(p => p.ValidationAccuracy)])];
    }

    private static string Link(Guid? set, int days, Guid? run) =>
        $"/research/runs/timeline?days={days}" + (set is null ? "" : $"&set={set}") + (run is null ? "" : $"&run={run}");

    private void Go(Guid? set, int days, Guid? run) => Navigation.NavigateTo(Link(set, days, run));

    public void Dispose() => subscription?.Dispose();
}
