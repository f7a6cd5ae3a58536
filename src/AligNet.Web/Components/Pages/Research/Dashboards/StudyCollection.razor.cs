using AligNet.Data;
using AligNet.Data.Access;
using AligNet.Data.Dashboards;
using AligNet.Domain.Studies;
using AligNet.Web.Accounts;
using AligNet.Web.Components.Dashboards;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Web.Components.Pages.Research.Dashboards;

/// <summary>
/// Collection of one study over time, data quality and coverage (issue 16). Filters live in the query string
/// (<c>?bucket=hour&amp;session=…</c>), so the address is the permalink; every figure comes from <see cref="CollectionQuery"/>.
/// </summary>
public partial class StudyCollection
{
    [Parameter] public Guid Id { get; set; }
    [SupplyParameterFromQuery(Name = "bucket")] public string? Bucket { get; set; }
    [SupplyParameterFromQuery(Name = "session")] public Guid? Session { get; set; }
    [Inject] private IDbContextFactory<AligNetDbContext> Contexts { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = default!;

    private Study? study;
    private bool notFound;
    private string bucket = "day";
    private List<CollectionQuery.SessionsBucket> sessions = [];
    private List<CollectionQuery.CountBucket> responses = [];
    private int activeNow;
    private CollectionQuery.Ceiling? ceiling;
    private (int Sessions, int Probes, int Same)? consistency;
    private List<SessionTrialsQuery.TrialRow>? trials;
    private IReadOnlyList<ChartSeries> sessionSeries = [], responseSeries = [], rtLevelSeries = [], rtParticipantSeries = [],
        qcSeries = [], coverageSeries = [], consistencySeries = [];

    private string ConsistencyText => consistency is { Probes: > 0 } c ? ((double)c.Same / c.Probes).ToString("P0") : "–";

    protected override async Task OnParametersSetAsync()
    {
        bucket = CollectionQuery.Bucket(Bucket);
        await using var db = await Contexts.CreateDbContextAsync();
        // A study the caller may not see is "no such study", exactly like one that does not exist (ADR-011).
        study = await new StaffAccess(db, await CurrentStaff.RequireAsync(Authentication)).Studies().SingleOrDefaultAsync(s => s.Id == Id);
        notFound = study is null;
        if (study is null) return;
        var query = new CollectionQuery(db, Id);
        sessions = await query.SessionsOverTimeAsync(bucket);
        sessionSeries =
        [
            Bars("started", sessions, b => b.Started), Bars("completed", sessions, b => b.Completed), Bars("excluded", sessions, b => b.Excluded),
        ];
        responses = await query.ResponsesOverTimeAsync(bucket);
        responseSeries = [new ChartSeries("responses", [.. responses.Select(b => (object)b.Bucket)], [.. responses.Select(b => (double?)b.Count)], SeriesKind.Bar)];
        var rt = await query.RtByLevelAsync();
        rtLevelSeries = [.. rt.GroupBy(b => b.Level).Select(g => Bins(g.Key, g.Select(b => (b.Bin, b.Count)), CollectionQuery.RtBinMs, SeriesKind.Line))];
        rtParticipantSeries = [Bins("participants", (await query.MedianRtPerParticipantAsync()).Select(b => (b.Value, b.Count)), CollectionQuery.RtBinMs, SeriesKind.Bar)];
        var reasons = await query.QcReasonsAsync();
        qcSeries = reasons.Count == 0 ? [] : [new ChartSeries("sessions", [.. reasons.Select(r => (object)r.Reason)], [.. reasons.Select(r => (double?)r.Sessions)], SeriesKind.Bar)];
        coverageSeries = [Bins("pairs", (await query.PairCoverageAsync()).Select(b => (b.Value, b.Count)), 1, SeriesKind.Bar)];
        var perSession = await query.RepeatConsistencyAsync();
        consistency = (perSession.Sum(b => b.Sessions), perSession.Sum(b => b.Probes), perSession.Sum(b => b.Same));
        consistencySeries = perSession.Count == 0 ? [] : [new ChartSeries("participants", [.. perSession.Select(b => (object)(b.Value / 10.0))], [.. perSession.Select(b => (double?)b.Sessions)], SeriesKind.Bar)];
        ceiling = await query.NoiseCeilingAsync();
        activeNow = await query.ActiveNowAsync(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
        trials = Session is { } session ? await SessionTrialsQuery.LoadAsync(db, Id, session) : null;
    }

    private void Navigate(string newBucket, Guid? session) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?> { ["bucket"] = newBucket, ["session"] = session }));

    private static ChartSeries Bars(string name, List<CollectionQuery.SessionsBucket> buckets, Func<CollectionQuery.SessionsBucket, int> count) =>
        new(name, [.. buckets.Select(b => (object)b.Bucket)], [.. buckets.Select(b => (double?)count(b))], SeriesKind.Bar);

    private static ChartSeries Bins(string name, IEnumerable<(int Bin, int Count)> bins, int width, SeriesKind kind)
    {
        var list = bins.ToList();
        return new ChartSeries(name, [.. list.Select(b => (object)(b.Bin * width))], [.. list.Select(b => (double?)b.Count)], kind);
    }
}
