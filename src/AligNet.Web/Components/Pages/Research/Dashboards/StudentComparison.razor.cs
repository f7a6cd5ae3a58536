using AligNet.Data;
using AligNet.Data.Access;
using AligNet.Data.Dashboards;
using AligNet.Web.Accounts;
using AligNet.Web.Components.Dashboards;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Web.Components.Pages.Research.Dashboards;

/// <summary>Base model vs teacher vs AligNet / UnAligNet students of one set, per abstraction level (issue 16).</summary>
public partial class StudentComparison
{
    public sealed record TransferRow(string Student, string Figure, double? Value, string Interval, double? Base, string? NotComputed);

    [Parameter, EditorRequired] public Guid SetId { get; set; }
    [Inject] private IDbContextFactory<AligNetDbContext> Contexts { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = default!;

    private List<ModelsQuery.Student> students = [];
    private IReadOnlyList<ChartSeries> levelSeries = [];
    private List<TransferRow> transfer = [];
    private string? basis;

    protected override async Task OnParametersSetAsync()
    {
        await using var db = await Contexts.CreateDbContextAsync();
        var query = new ModelsQuery(db, new StaffAccess(db, await CurrentStaff.RequireAsync(Authentication)));
        students = await query.StudentsAsync(SetId);
        var newestTeacher = students.LastOrDefault()?.TeacherVersionId;
        var evaluations = (await query.LatestEvaluationsAsync([.. students.Select(s => s.Version.Id), .. newestTeacher is { } t ? [t] : Array.Empty<Guid>()]))
            .ToDictionary(e => e.ModelVersionId);
        var evaluated = students.Where(s => evaluations.ContainsKey(s.Version.Id))
            .Select(s => (Student: s, Evaluation: evaluations[s.Version.Id], Report: EvaluationReportView.Parse(evaluations[s.Version.Id].Report))).ToList();
        if (evaluated.Count == 0)
        {
            (levelSeries, transfer, basis) = ([], [], null);
            return;
        }
        // The levels of the newest student's report; the others are drawn on the same axis (a missing level is a gap).
        var newest = evaluated[^1].Report;
        var levels = newest.Levels;
        ChartSeries PerLevel(string name, EvaluationReportView r, string source) => EvaluationSeries.PerLevel(name, r, levels, source, "accuracy");
        var series = new List<ChartSeries> { PerLevel("base model", newest, "baseline") };
        if (newestTeacher is { } teacher && evaluations.TryGetValue(teacher, out var teacherEvaluation))
        {
            series.Add(PerLevel("teacher", EvaluationReportView.Parse(teacherEvaluation.Report), "model"));
        }
        series.AddRange(evaluated.Select(e => PerLevel(e.Student.Name, e.Report, "model")));
        levelSeries = series;
        basis = string.Join("; ", evaluated.Select(e => $"{e.Student.Name}: {e.Evaluation.Responses} responses, split \"{e.Evaluation.Split}\", {e.Evaluation.CreatedAt:u}"));
        transfer = [.. evaluated.SelectMany(e => e.Report.TransferFigures().Select(f => new TransferRow(e.Student.Name, f.Name, f.Model?.Value,
            f.Model?.CiLow is { } low && f.Model.CiHigh is { } high ? FormattableString.Invariant($"{low:F3} – {high:F3}") : "", f.Baseline?.Value, f.NotComputed)))];
    }
}
