using AligNet.Data;
using AligNet.Domain.Runs;
using AligNet.Data.Studies;
using AligNet.Domain.Studies;
using AligNet.Jobs;
using AligNet.Web.Accounts;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Web.Components.Pages.Research.StudyParts;

/// <summary>
/// An adaptive study's queue on its page (ADR-021): depth, the teacher version feeding it, the last refill, trials
/// served per arm, and "Refill now" for editors (a run like any other: audited, one per study at a time).
/// </summary>
public partial class AdaptiveQueuePanel
{
    [Parameter, EditorRequired] public Study Study { get; set; } = default!;
    [Parameter] public bool MayRefill { get; set; }
    [Inject] private IDbContextFactory<AligNetDbContext> Contexts { get; set; } = default!;
    [Inject] private RunLauncher Launcher { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = default!;

    private AdaptiveQueueStatus.Snapshot? snapshot;
    private string? message;
    private bool refused, busy;

    protected override Task OnParametersSetAsync() => ReloadAsync();

    private async Task ReloadAsync()
    {
        await using var db = await Contexts.CreateDbContextAsync();
        snapshot = await new AdaptiveQueueStatus(db).LoadAsync(Study.Id);
    }

    private string LastRefill => snapshot?.LastRefill is { } run
        ? $"{run.State} — asked {run.CreatedAt:u}{(run.FinishedAt is { } done ? $", finished {done:u}" : "")}{(run.Outcome is { } outcome ? $": {outcome}" : "")}"
        : snapshot?.QueuedAt is { } queued ? $"no refill run; queue written {queued:u}" : "never";

    private async Task RefillAsync()
    {
        busy = true;
        try
        {
            var caller = await CurrentStaff.RequireAsync(Authentication);
            var run = await AdaptiveRefills.LaunchAsync(Launcher, Guid.NewGuid(), Study.Id, Study.StimulusSetId, caller.Email);
            (message, refused) = ($"Refill queued (run {run.Id}); the queue is replaced when it finishes — see the runs page.", false);
        }
        catch (RunRefusedException e)
        {
            (message, refused) = (e.Message, true);
        }
        finally
        {
            busy = false;
        }
        await ReloadAsync();
    }
}
