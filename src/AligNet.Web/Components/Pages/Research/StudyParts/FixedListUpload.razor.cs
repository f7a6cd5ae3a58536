using AligNet.Data;
using AligNet.Data.Access;
using AligNet.Data.Audit;
using AligNet.Domain.Audit;
using AligNet.Web.Accounts;
using AligNet.Data.Imports;
using AligNet.Data.Studies;
using AligNet.Domain.Studies;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Web.Components.Pages.Research.StudyParts;

/// <summary>Uploads a study's fixed trial lists; the same importer as <c>alignet import trial-lists</c>.</summary>
public partial class FixedListUpload
{
    /// <summary>The Levels lists are 3 MB per 50 participants; larger imports go through the CLI.</summary>
    public const long MaxUploadBytes = 64L << 20;

    [Parameter, EditorRequired] public Study Study { get; set; } = default!;
    [Parameter] public bool Frozen { get; set; }
    [Parameter] public bool IsNew { get; set; }
    [Parameter] public EventCallback Imported { get; set; }
    [Inject] private IDbContextFactory<AligNetDbContext> Contexts { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = default!;

    private int lists;
    private int trialsPerList;
    private bool busy;
    private string? message;
    private List<string> problems = [];

    protected override async Task OnParametersSetAsync()
    {
        if (IsNew) return;
        await using var db = await Contexts.CreateDbContextAsync();
        var counts = await db.FixedTrials.AsNoTracking().Where(t => t.StudyId == Study.Id)
            .GroupBy(t => t.ListNumber).Select(g => g.Count()).ToListAsync();
        lists = counts.Count;
        trialsPerList = counts.Count == 0 ? 0 : counts.Max();
    }

    private async Task UploadAsync(IReadOnlyList<IBrowserFile>? files)
    {
        if (files is not { Count: > 0 }) return;
        busy = true;
        message = null;
        problems = [];
        try
        {
            if (files.Sum(f => f.Size) > MaxUploadBytes)
            {
                message = "Not imported.";
                problems = [$"The files are larger than {MaxUploadBytes >> 20} MiB; use: alignet import trial-lists --study {Study.Id} FILE..."];
                return;
            }
            // The importer reads synchronously (Sep); the browser's stream is async-only, so buffer it first.
            var sources = new List<FixedTrialListReader.Source>();
            foreach (var file in files)
            {
                var buffer = new MemoryStream();
                await file.OpenReadStream(MaxUploadBytes).CopyToAsync(buffer);
                buffer.Position = 0;
                sources.Add(new(file.Name, new StreamReader(buffer)));
            }
            await using var db = await Contexts.CreateDbContextAsync();
            var caller = await CurrentStaff.RequireAsync(Authentication);
            if (!await new StaffAccess(db, caller).MayAsync(Study.Id, StudyRole.Editor))
            {
                message = "Not imported: the study does not exist (any more), or you may not change it.";
                return;
            }
            // Saved by the importer's own SaveChanges, inside its transaction: audited exactly when the lists are stored.
            AuditTrail.Add(db, caller.Email, AuditActions.TrialListImport, $"study/{Study.Id}", new { files = files.Select(f => f.Name).ToArray() });
            var result = await new FixedTrialListImporter(db).ImportAsync(Study.Id, sources, string.Join(", ", files.Select(f => f.Name)));
            (lists, trialsPerList) = (result.Lists, result.TrialsPerList);
            message = $"Imported {result.Lists} lists × {result.TrialsPerList} trials.";
            await Imported.InvokeAsync();
        }
        catch (ImportValidationException ex)
        {
            message = $"Not imported: {ex.Problems.Count} problem(s).";
            problems = [.. ex.Problems.Select(p => p.ToString())];
        }
        finally
        {
            busy = false;
        }
    }
}
