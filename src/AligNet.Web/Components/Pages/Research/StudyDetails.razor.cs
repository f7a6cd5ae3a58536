using AligNet.Data;
using AligNet.Data.Access;
using AligNet.Web.Accounts;
using AligNet.Data.Studies;
using AligNet.Domain.Participation;
using AligNet.Domain.Studies;
using AligNet.Web.Studies;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.JSInterop;
using MudBlazor;

namespace AligNet.Web.Components.Pages.Research;

/// <summary>A study at a glance: state and its changes, the entry link, counts, and every session with its QC.</summary>
public partial class StudyDetails
{
    [Parameter] public Guid Id { get; set; }
    [Inject] private IDbContextFactory<AligNetDbContext> Contexts { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IJSRuntime Js { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = default!;

    private Study? study;
    private StudySessionsQuery.Summary? summary;
    private string entryLink = "";
    private bool notFound;
    private StudyRole role;
    private QcStatus? qcFilter;

    private IEnumerable<StudySessionsQuery.SessionRow> VisibleSessions =>
        summary!.Sessions.Where(s => qcFilter is null || s.Qc == qcFilter);

    private string DesignSummary =>
        $"{study!.Design}: {study.TrialsPerParticipant} trials per participant plus {study.PracticeTrials} practice, " +
        $"{study.CatchTrialShare:P0} catch trials, {study.RepeatProbes} repeat probes, {study.Blocks} block(s). " +
        (study.IsDesignFrozen ? $"Design frozen since {study.DesignFrozenAt:u}." : "Design not frozen yet (no participant has started).");

    protected override Task OnParametersSetAsync() => ReloadAsync();

    private async Task ReloadAsync()
    {
        await using var db = await Contexts.CreateDbContextAsync();
        // A study the caller may not see is "no such study", exactly like one that does not exist.
        var access = new StaffAccess(db, await CurrentStaff.RequireAsync(Authentication));
        study = await access.Studies().SingleOrDefaultAsync(s => s.Id == Id);
        notFound = study is null;
        if (study is null) return;
        role = await access.RoleOnStudyAsync(study.Id) ?? StudyRole.Viewer;
        entryLink = EntryLinks.For(study, Navigation.BaseUri);
        summary = await new StudySessionsQuery(db).LoadAsync(study);
    }

    private async Task CopyLinkAsync()
    {
        try
        {
            await Js.InvokeVoidAsync("navigator.clipboard.writeText", entryLink);
            Snackbar.Add("Entry link copied.", Severity.Success);
        }
        catch (JSException)
        {
            // Clipboard access needs a secure context and the page's focus; the link stays selectable on the page.
            Snackbar.Add("The browser refused the clipboard; select the link and copy it.", Severity.Warning);
        }
    }

    internal static Color StateColor(StudyState state) => state switch
    {
        StudyState.Open => Color.Success,
        StudyState.Paused => Color.Warning,
        StudyState.Closed => Color.Dark,
        _ => Color.Default,
    };
}
