using AligNet.Data;
using AligNet.Data.Access;
using AligNet.Data.Audit;
using AligNet.Domain.Audit;
using AligNet.Web.Accounts;
using AligNet.Data.Models;
using AligNet.Domain.Models;
using AligNet.Domain.Runs;
using AligNet.Jobs;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Web.Components.Pages.Research;

public partial class Teachers
{
    [Inject] private IDbContextFactory<AligNetDbContext> Contexts { get; set; } = default!;
    [Inject] private RunLauncher Runs { get; set; } = default!;
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
        // Researchers see teachers of the sets they may use (ADR-011); only admins schedule and promote.
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
        var metrics = m.TeacherMetrics();
        return new Row(m.Id, m.CreatedAt, set, $"{m.BaseModel} {m.BaseModelVersion}",
            $"{metrics.Base.Accuracy:F3} → {metrics.Teacher.Accuracy:F3}",
            $"{metrics.BaseCalibrated.Nll:F3} → {metrics.Teacher.Nll:F3}",
            $"{metrics.Teacher.Ece:F3}", m.IsActive);
    }

    private async Task Schedule()
    {
        if (choice is null || await CurrentStaff.RequireAsync(Authentication) is not { IsAdmin: true } caller) return;
        var user = caller.Email;
        var c = choice;
        try
        {
            var run = await Runs.LaunchAsync(Guid.NewGuid(), new TeacherRunParameters(c.SetId, c.Model, c.Version, seed, autoPromote), user);
            scheduled = $"Run {run.Id} queued: a teacher for {c.Label}. It appears here when the worker has finished; follow its progress on the Runs page.";
        }
        catch (RunRefusedException ex)
        {
            scheduled = ex.Message;
        }
    }

    private async Task PromoteAsync(Guid id)
    {
        if (await CurrentStaff.RequireAsync(Authentication) is not { IsAdmin: true } caller) return;
        await using var db = await Contexts.CreateDbContextAsync();
        // ModelPromotion writes the audit entry in the promotion's own transaction.
        await new ModelPromotion(db).PromoteAsync(id, caller.Email);
        await ReloadAsync();
    }
}
