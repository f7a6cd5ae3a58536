using AligNet.Data;
using AligNet.Data.Audit;
using AligNet.Data.Identity;
using AligNet.Data.Runs;
using AligNet.Domain.Audit;
using AligNet.Domain.Runs;
using AligNet.Web.Runs;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Web.Components.Pages.Research;

/// <summary>
/// Every run, newest first, with filters. Follows <see cref="RunChangeNotifier"/>: a change announced by a worker
/// reloads the list on the server and pushes it over the circuit; the browser never polls.
/// </summary>
public partial class Runs
{
    private const int Shown = 200;

    [Inject] private IDbContextFactory<AligNetDbContext> Contexts { get; set; } = default!;
    [Inject] private RunChangeNotifier Notifier { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = default!;

    private List<Run>? rows;
    private Dictionary<Guid, string> setNames = [];
    private RunKind? kind;
    private RunState? state;
    private Guid? setId;
    private Guid? selected;
    private string? message;
    private IDisposable? subscription;
    private readonly SemaphoreSlim reloading = new(1, 1);

    protected override async Task OnInitializedAsync()
    {
        await ReloadAsync();
        subscription = Notifier.Subscribe(null, _ => InvokeAsync(async () =>
        {
            await ReloadAsync();
            StateHasChanged();
        }));
    }

    private async Task FilterAsync(Action set)
    {
        set();
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        // Bursts of notifications (a pipeline's steps) need one reload, not one each.
        if (!await reloading.WaitAsync(0)) return;
        try
        {
            await using var db = await Contexts.CreateDbContextAsync();
            setNames = await db.StimulusSets.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name);
            var query = db.Runs.AsNoTracking();
            if (kind is { } k) query = query.Where(r => r.Kind == k);
            if (state is { } s) query = query.Where(r => r.State == s);
            if (setId is { } id) query = query.Where(r => r.StimulusSetId == id);
            rows = await query.OrderByDescending(r => r.CreatedAt).ThenBy(r => r.StepIndex).Take(Shown).ToListAsync();
        }
        finally
        {
            reloading.Release();
        }
    }

    private async Task CancelAsync(Guid runId)
    {
        var user = (await Authentication).User;
        // The button is shown to admins only; the check here is what enforces it.
        if (!user.IsInRole(Roles.Admin))
        {
            message = "Only admins can cancel runs.";
            return;
        }
        await using var db = await Contexts.CreateDbContextAsync();
        AuditTrail.Add(db, user.Identity?.Name ?? "admin", AuditActions.RunCancel, $"run/{runId}");
        message = await new RunLedger(db).RequestCancelAsync(runId)
            ? $"Run {runId}: cancel requested; a running run stops at its next batch or epoch."
            : $"Run {runId} had already finished.";
        await ReloadAsync();
    }

    public void Dispose()
    {
        subscription?.Dispose();
        reloading.Dispose();
    }

    /// <summary>The options a student run was started with (kind, stage, head, BatchNorm, cache, hyper-parameters); other kinds show their progress and outcome.</summary>
    private static string SettingsOf(Run run)
    {
        if (run.Kind != RunKind.Student) return "";
        try
        {
            return RunParameters.Read<StudentRunParameters>(run).Describe();
        }
        catch (System.Text.Json.JsonException)
        {
            return "(unreadable parameters)";
        }
    }
}
