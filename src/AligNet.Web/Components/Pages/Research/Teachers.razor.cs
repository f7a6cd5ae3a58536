using System.Text.Json;
using AligNet.Data;
using AligNet.Data.Access;
using AligNet.Data.Audit;
using AligNet.Domain.Audit;
using AligNet.Web.Accounts;
using AligNet.Data.Models;
using AligNet.Domain.Models;
using AligNet.Jobs;
using Hangfire;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Web.Components.Pages.Research;

public partial class Teachers
{
    [Inject] private IDbContextFactory<AligNetDbContext> Contexts { get; set; } = default!;
    [Inject] private IBackgroundJobClient Jobs { get; set; } = default!;
    [Inject] private AuditTrail Audit { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = default!;

    /// <summary>A stimulus set together with one base model version it has embeddings of.</summary>
    private sealed record Choice(Guid SetId, string Set, string Model, string Version)
    {
        public string Label => $"{Set} — {Model} {Version}";
    }

    private sealed record Row(Guid Id, DateTimeOffset CreatedAt, string Set, string BaseModel, string Accuracy, string Nll, string Ece, bool IsActive);

    private List<Choice> choices = [];
    private Choice? choice;
    private int seed = 42;
    private bool autoPromote = true;
    private string? scheduled;
    private List<Row>? versions;

    protected override Task OnInitializedAsync() => ReloadAsync();

    private async Task ReloadAsync()
    {
        await using var db = await Contexts.CreateDbContextAsync();
        // Researchers see teachers of the sets they may use (ADR-111); only admins schedule and promote.
        var sets = new StaffAccess(db, await CurrentStaff.RequireAsync(Authentication)).StimulusSets();
        choices = await db.Embeddings.AsNoTracking()
            .Join(db.Stimuli, e => e.StimulusId, s => s.Id, (e, s) => new { s.StimulusSetId, e.Model, e.Version })
            .Distinct()
            .Join(sets, x => x.StimulusSetId, s => s.Id, (x, s) => new Choice(s.Id, s.Name, x.Model, x.Version))
            .ToListAsync();
        var rows = await db.ModelVersions.AsNoTracking().Where(m => m.Kind == ModelKind.Teacher).OrderByDescending(m => m.CreatedAt)
            .Join(sets, m => m.StimulusSetId, s => s.Id, (m, s) => new { m, Set = s.Name }).ToListAsync();
        versions = [.. rows.Select(r => ToRow(r.m, r.Set))];
    }

    private static Row ToRow(ModelVersion m, string set)
    {
        var metrics = JsonDocument.Parse(m.Metrics).RootElement;
        double Get(string side, string name) => metrics.GetProperty(side).GetProperty(name).GetDouble();
        return new Row(m.Id, m.CreatedAt, set, $"{m.BaseModel} {m.BaseModelVersion}",
            $"{Get("base", "accuracy"):F3} → {Get("teacher", "accuracy"):F3}",
            $"{Get("baseCalibrated", "nll"):F3} → {Get("teacher", "nll"):F3}",
            $"{Get("teacher", "ece"):F3}", m.IsActive);
    }

    private async Task Schedule()
    {
        if (choice is null || await CurrentStaff.RequireAsync(Authentication) is not { IsAdmin: true } caller) return;
        var user = caller.Email;
        var c = choice;
        var id = Jobs.Enqueue<ITeacherTrainingJob>(job => job.TrainAsync(c.SetId, c.Model, c.Version, seed, autoPromote, user));
        await Audit.RecordAsync(user, AuditActions.JobSchedule, $"stimulus-set/{c.SetId}",
            new { job = "teacher-training", id, model = c.Model, version = c.Version, seed, autoPromote });
        scheduled = $"Job {id} queued: a teacher for {c.Label}. It appears here when the worker has finished; progress is in the Jobs dashboard.";
    }

    private async Task PromoteAsync(Guid id)
    {
        if (await CurrentStaff.RequireAsync(Authentication) is not { IsAdmin: true } caller) return;
        await using var db = await Contexts.CreateDbContextAsync();
        await new ModelPromotion(db).PromoteAsync(id, caller.Email);
        await ReloadAsync();
    }
}
