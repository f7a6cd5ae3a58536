using AligNet.Data;
using AligNet.Data.Access;
using AligNet.Web.Accounts;
using AligNet.Data.Studies;
using AligNet.Domain.Studies;
using AligNet.Web.Components.Pages.Research.StudyParts;
using AligNet.Web.Studies;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace AligNet.Web.Components.Pages.Research;

/// <summary>
/// Creates and edits a study. The edited copy is detached; saving goes through <see cref="StudyEditing"/>, which
/// locks the row, refuses an edit that raced another one (fingerprint) or a design frozen meanwhile, and validates.
/// </summary>
public partial class StudyEditor
{
    [Parameter] public Guid? Id { get; set; }
    [Inject] private IDbContextFactory<AligNetDbContext> Contexts { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = default!;

    private readonly StudyFormValidation validation = new();
    private MudForm? form;
    private Study? study;
    private string loadedName = "";
    private string fingerprint = "";
    private bool frozen;
    private bool notFound;
    private bool busy;
    private List<StimulusSetChoice> sets = [];
    private List<string> problems = [];

    private bool IsNew => Id is null;

    protected override async Task OnParametersSetAsync()
    {
        await using var db = await Contexts.CreateDbContextAsync();
        var caller = await CurrentStaff.RequireAsync(Authentication);
        var access = new StaffAccess(db, caller);
        // Only the sets the caller may use (ADR-011).
        sets = await access.StimulusSets().OrderBy(s => s.Name)
            .Select(s => new StimulusSetChoice(s.Id, s.Name, s.Stimuli.Count)).ToListAsync();
        if (IsNew)
        {
            study = StudyDefaults.NewStudy(sets.FirstOrDefault()?.Id ?? Guid.Empty, caller.Email);
            return;
        }
        // Viewers and strangers get "no such study": the editor is for those who may change it.
        study = await access.MayAsync(Id!.Value, StudyRole.Editor) ? await db.Studies.AsNoTracking().SingleOrDefaultAsync(s => s.Id == Id) : null;
        notFound = study is null;
        if (study is null) return;
        loadedName = study.Name;
        fingerprint = StudyFingerprint.Of(study);
        frozen = study.IsDesignFrozen;
    }

    /// <summary>An import changed the stored design (FixedLists, trials per list): take those and the new fingerprint.</summary>
    private async Task ListsImportedAsync()
    {
        await using var db = await Contexts.CreateDbContextAsync();
        var stored = await db.Studies.AsNoTracking().SingleAsync(s => s.Id == Id);
        study!.Design = stored.Design;
        study.TrialsPerParticipant = stored.TrialsPerParticipant;
        fingerprint = StudyFingerprint.Of(stored);
    }

    private async Task SaveAsync()
    {
        if (study is null || form is null) return;
        problems = [];
        await form.ValidateAsync();
        if (!form.IsValid)
        {
            problems = [.. StudyValidator.ValidateForSave(study).Errors.Select(e => e.ErrorMessage).Distinct()];
            if (problems.Count == 0) problems = ["Correct the fields marked in red."];
            return;
        }
        busy = true;
        try
        {
            await using var db = await Contexts.CreateDbContextAsync();
            var editing = new StudyEditing(db);
            var caller = await CurrentStaff.RequireAsync(Authentication);
            var result = IsNew ? await editing.CreateAsync(study, caller) : await editing.UpdateAsync(study, fingerprint, caller);
            if (!result.Saved)
            {
                problems = [.. result.Problems];
                return;
            }
            Navigation.NavigateTo($"/research/studies/{study.Id}");
        }
        finally
        {
            busy = false;
        }
    }
}
