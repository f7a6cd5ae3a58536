using AligNet.Data;
using AligNet.Data.Access;
using AligNet.Domain.Studies;
using AligNet.Web.Accounts;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Web.Components.Pages.Research.StudyParts;

/// <summary>The study's members; its owner (or an admin) shares it with researchers and takes access back.</summary>
public partial class StudySharingPanel
{
    [Parameter, EditorRequired] public Guid StudyId { get; set; }
    [Parameter] public bool MayShare { get; set; }
    [Inject] private IDbContextFactory<AligNetDbContext> Contexts { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = default!;

    private IReadOnlyList<StudySharing.Member> members = [];
    private string email = "";
    private StudyRole shareRole = StudyRole.Viewer;
    private string? error;

    protected override Task OnParametersSetAsync() => ReloadAsync();

    private async Task<StudySharing> SharingAsync(AligNetDbContext db) => new(db, await CurrentStaff.RequireAsync(Authentication));

    private async Task ReloadAsync()
    {
        await using var db = await Contexts.CreateDbContextAsync();
        members = await (await SharingAsync(db)).MembersAsync(StudyId);
    }

    private async Task ShareAsync()
    {
        await using (var db = await Contexts.CreateDbContextAsync())
        {
            var result = await (await SharingAsync(db)).ShareAsync(StudyId, email, shareRole);
            error = result.Error;
            if (result.Succeeded) email = "";
        }
        await ReloadAsync();
    }

    private async Task UnshareAsync(string userId)
    {
        await using (var db = await Contexts.CreateDbContextAsync())
        {
            error = (await (await SharingAsync(db)).UnshareAsync(StudyId, userId)).Error;
        }
        await ReloadAsync();
    }
}
