using AligNet.Data;
using AligNet.Data.Imports;
using AligNet.Data.Stimuli;
using AligNet.Jobs;
using AligNet.Domain.Runs;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AligNet.Web.Components.Pages.Research;

public partial class StimulusSets
{
    /// <summary>Largest zip accepted from the browser (<c>Stimuli:MaxUploadMegabytes</c>); larger sets go through <c>alignet import stimuli</c>.</summary>
    private long MaxUploadBytes => Store.Value.MaxUploadMegabytes << 20;

    [Inject] private IDbContextFactory<AligNetDbContext> Contexts { get; set; } = default!;
    [Inject] private IOptions<StimulusStoreOptions> Store { get; set; } = default!;
    [Inject] private RunLauncher Runs { get; set; } = default!;
    [CascadingParameter] private Task<Microsoft.AspNetCore.Components.Authorization.AuthenticationState> Authentication { get; set; } = default!;

    private sealed record Row(Guid Id, string Name, int Stimuli, int WithImages, List<string> Models, List<string> Datasets, DateTimeOffset CreatedAt);

    private List<Row>? sets;
    private string setName = "";
    private bool busy;
    private string? message;
    private string? jobMessage;
    private List<string> problems = [];

    protected override Task OnInitializedAsync() => ReloadAsync();

    private async Task ReloadAsync()
    {
        await using var db = await Contexts.CreateDbContextAsync();
        var basics = await db.StimulusSets.AsNoTracking().OrderByDescending(s => s.CreatedAt)
            .Select(s => new { s.Id, s.Name, s.CreatedAt, Stimuli = s.Stimuli.Count, WithImages = s.Stimuli.Count(x => x.ImagePath != null) })
            .ToListAsync();
        var models = await db.Embeddings.AsNoTracking()
            .Join(db.Stimuli, e => e.StimulusId, s => s.Id, (e, s) => new { s.StimulusSetId, e.Model, e.Version })
            .Distinct().ToListAsync();
        var datasets = await db.TripletDatasets.AsNoTracking().Select(d => new { d.StimulusSetId, d.Name, d.Count }).ToListAsync();
        sets = [.. basics.Select(b => new Row(b.Id, b.Name, b.Stimuli, b.WithImages,
            [.. models.Where(m => m.StimulusSetId == b.Id).Select(m => $"{m.Model}/{m.Version}")],
            [.. datasets.Where(d => d.StimulusSetId == b.Id).Select(d => $"{d.Name} ({d.Count:N0})")],
            b.CreatedAt))];
    }

    /// <summary>Starts an Embeddings run on a GPU worker; it can be followed on the runs page.</summary>
    private async Task EmbedAsync(Row set)
    {
        var user = (await Authentication).User.Identity?.Name ?? "staff";
        try
        {
            var run = await Runs.LaunchAsync(Guid.NewGuid(), new EmbeddingsRunParameters(set.Id), user);
            jobMessage = $"Run {run.Id} queued: ResNet18 embeddings of '{set.Name}' ({set.WithImages} images). Follow it on the Runs page; reload here when it has finished.";
        }
        catch (RunRefusedException ex)
        {
            jobMessage = ex.Message;
        }
    }

    private async Task UploadAsync(IBrowserFile? file)
    {
        if (file is null) return;
        busy = true;
        message = null;
        problems = [];
        var temporary = Path.Combine(Path.GetTempPath(), $"alignet-upload-{Guid.NewGuid():N}.zip");
        try
        {
            if (file.Size > MaxUploadBytes)
            {
                problems = [$"The zip is {file.Size / (1 << 20):N0} MiB; at most {MaxUploadBytes >> 20:N0} MiB can be uploaded here (Stimuli:MaxUploadMegabytes). Use: alignet import stimuli --name … --from FILE.zip"];
                message = "Not imported.";
                return;
            }
            await using (var target = File.Create(temporary))
            {
                // Streamed to disk in small buffers: the zip is never in memory as a whole.
                await using var upload = file.OpenReadStream(MaxUploadBytes);
                await upload.CopyToAsync(target);
            }
            await using var db = await Contexts.CreateDbContextAsync();
            using var source = StimulusSource.Open(temporary);
            var result = await new StimulusSetImporter(db, Path.GetFullPath(Store.Value.Root)).ImportAsync(setName, $"Uploaded as {file.Name}", source);
            message = $"Imported {result.Stimuli} stimuli as '{setName.Trim()}'.";
            setName = "";
            await ReloadAsync();
        }
        catch (ImportValidationException ex)
        {
            message = $"Not imported: {ex.Problems.Count} problem(s).";
            problems = [.. ex.Problems.Select(p => p.ToString())];
        }
        finally
        {
            File.Delete(temporary);
            busy = false;
        }
    }
}
