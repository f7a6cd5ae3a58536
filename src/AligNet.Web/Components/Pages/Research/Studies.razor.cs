using AligNet.Data;
using AligNet.Data.Access;
using AligNet.Web.Accounts;
using AligNet.Domain.Participation;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Web.Components.Pages.Research;

public partial class Studies
{
    [Inject] private IDbContextFactory<AligNetDbContext> Contexts { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = default!;

    private sealed record Row(Guid Id, string Name, string State, string StimulusSet, int Stimuli,
        int Sessions, int Valid, int Flagged, int Excluded, int Responses);

    private List<Row>? rows;

    protected override async Task OnInitializedAsync()
    {
        await using var db = await Contexts.CreateDbContextAsync();
        // Only the studies the caller may see (ADR-011); three grouped queries, whatever the number of studies.
        var visible = new StaffAccess(db, await CurrentStaff.RequireAsync(Authentication)).Studies();
        var studies = await visible.OrderByDescending(s => s.CreatedAt)
            .Select(s => new { s.Id, s.Name, State = s.State.ToString(), Set = s.StimulusSet!.Name, Stimuli = s.StimulusSet.Stimuli.Count })
            .ToListAsync();
        var qc = await db.Sessions.AsNoTracking().Where(s => visible.Any(v => v.Id == s.StudyId)).GroupBy(s => new { s.StudyId, s.Qc })
            .Select(g => new { g.Key.StudyId, g.Key.Qc, Count = g.Count() }).ToListAsync();
        var responses = await db.Responses.AsNoTracking().Join(db.Sessions, r => r.SessionId, s => s.Id, (r, s) => s.StudyId)
            .Where(id => visible.Any(v => v.Id == id)).GroupBy(id => id).Select(g => new { StudyId = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.StudyId, x => x.Count);
        int Count(Guid id, QcStatus? status) => qc.Where(q => q.StudyId == id && (status is null || q.Qc == status)).Sum(q => q.Count);
        rows = [.. studies.Select(s => new Row(s.Id, s.Name, s.State, s.Set, s.Stimuli, Count(s.Id, null),
            Count(s.Id, QcStatus.Valid), Count(s.Id, QcStatus.Flagged), Count(s.Id, QcStatus.Excluded), responses.GetValueOrDefault(s.Id)))];
    }
}
