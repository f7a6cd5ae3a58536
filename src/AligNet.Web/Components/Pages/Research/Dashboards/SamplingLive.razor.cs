using AligNet.Data;
using AligNet.Data.Access;
using AligNet.Data.Dashboards;
using AligNet.Domain.Participation;
using AligNet.Web.Accounts;
using AligNet.Web.Components.Dashboards;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Web.Components.Pages.Research.Dashboards;

/// <summary>
/// Trials answered per arm over time, the random arm's realised share against its setting, and the set's teachers
/// against responses collected, for the study in <c>?study=</c> (default: the first adaptive study the caller may see).
/// </summary>
public partial class SamplingLive
{
    [Parameter] public Guid? Study { get; set; }
    [Parameter] public string? Bucket { get; set; }
    [Inject] private IDbContextFactory<AligNetDbContext> Contexts { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = default!;

    private static readonly string[] Arms = [nameof(TrialArm.Random), nameof(TrialArm.Adaptive), nameof(TrialArm.Fallback)];
    private List<SamplingLiveQuery.StudyChoice> studies = [];
    private SamplingLiveQuery.StudyChoice? study;
    private bool missing;
    private string bucket = "day";
    private string? shareSummary;
    private IReadOnlyList<ChartSeries> arms = [], share = [], teachers = [];

    protected override async Task OnParametersSetAsync()
    {
        bucket = CollectionQuery.Bucket(Bucket);
        await using var db = await Contexts.CreateDbContextAsync();
        var query = new SamplingLiveQuery(db, new StaffAccess(db, await CurrentStaff.RequireAsync(Authentication)));
        studies = await query.AdaptiveStudiesAsync();
        study = Study is { } id ? await query.StudyAsync(id) : studies.FirstOrDefault();
        missing = Study is not null && study is null;
        (arms, share, teachers, shareSummary) = ([], [], [], null);
        if (study is null) return;
        if (studies.All(s => s.Id != study.Id)) studies.Add(study); // a study no longer adaptive keeps its arms
        Draw(await query.AnsweredPerArmAsync(study.Id, bucket), study.RandomArmShare);
        var points = await query.TeachersAsync(study);
        teachers = Teachers(points);
    }

    private void Draw(List<SamplingLiveQuery.ArmBucket> rows, double configured)
    {
        var buckets = rows.Select(r => r.Bucket).Distinct().Order().ToList();
        List<object> x = [.. buckets.Cast<object>()];
        int Count(DateTime b, string arm) => rows.Where(r => r.Bucket == b && r.Arm == arm).Sum(r => r.Count);
        arms = [.. Arms.Select(a => new ChartSeries(a, x, [.. buckets.Select(b => (double?)Count(b, a))], SeriesKind.Bar))];
        var totals = buckets.Select(b => rows.Where(r => r.Bucket == b).Sum(r => r.Count)).ToList();
        share =
        [
            new("random arm (realised)", x, [.. buckets.Select((b, i) => (double?)Count(b, nameof(TrialArm.Random)) / totals[i])]),
            new("configured", x, [.. buckets.Select(_ => (double?)configured)]),
        ];
        var total = totals.Sum();
        var random = rows.Where(r => r.Arm == nameof(TrialArm.Random)).Sum(r => r.Count);
        shareSummary = total == 0
            ? $"Random arm configured at {configured:P0}; no answered main trials with an arm yet."
            : $"Random arm: {random} of {total} answered main trials ({(double)random / total:P1}), configured {configured:P0}.";
    }

    /// <summary>
    /// Random-arm accuracy (the unbiased measure, ADR-028) where a refill computed it, and each version's own test split
    /// (all arms) beside it, both against the platform responses the version was trained on.
    /// </summary>
    private static ChartSeries[] Teachers(List<SamplingLiveQuery.TeacherPoint> points)
    {
        var trained = points.Where(p => p.Responses is not null).ToList();
        var scored = trained.Where(p => p.RandomArm is not null).ToList();
        static string Label(SamplingLiveQuery.TeacherPoint p) => $"trained {p.CreatedAt.UtcDateTime:u}, fed {p.AdaptiveTrials} adaptive trials" +
            (p.RandomArm is { } h ? $", {h.Correct} of {h.Responses} random-arm answers after it" : "");
        return
        [
            new("random arm, answered after the version", [.. scored.Select(p => (object)p.Responses!.Value)], [.. scored.Select(p => (double?)p.RandomArm!.Accuracy)], SeriesKind.Markers)
            {
                Labels = [.. scored.Select(Label)],
            },
            new("own test split (all arms)", [.. trained.Select(p => (object)p.Responses!.Value)], [.. trained.Select(p => (double?)p.Accuracy)], SeriesKind.Markers)
            {
                Labels = [.. trained.Select(Label)],
            },
        ];
    }

    private void Go(Guid? id, string b) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?> { ["study"] = id, ["bucket"] = b }));
}
