using AligNet.Data;
using AligNet.Domain.Runs;
using AligNet.Jobs;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Web.Components.Pages.Research;

public partial class PipelineLauncher
{
    /// <summary>Between-cluster, within-cluster, border and random triplets in equal shares (the generator's default).</summary>
    private const string DefaultMixture = "between_cluster=0.25,within_cluster=0.25,cluster_border=0.25,random=0.25";

    [Inject] private IDbContextFactory<AligNetDbContext> Contexts { get; set; } = default!;
    [Inject] private RunLauncher Launcher { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = default!;
    [Parameter] public EventCallback Started { get; set; }

    private Dictionary<Guid, string> sets = [];
    private Guid? setId;
    private string baseModel = "resnet18-onnx";
    private string baseModelVersion = "";
    private bool embeddings;
    private bool teacher = true;
    private bool data = true;
    private int maxEpochs = 100;
    private int patience = 5;
    private long count = 100_000;
    // Optional last steps (issues 12, 13): off by default, as they take their input from the steps before them.
    private bool student;
    private StudentOptionsFields? studentFields;
    private Guid? datasetId;
    private List<(Guid Id, Guid Set, string Label)> datasets = [];
    private bool evaluation;
    private string? message;

    protected override async Task OnInitializedAsync()
    {
        await using var db = await Contexts.CreateDbContextAsync();
        sets = await db.StimulusSets.AsNoTracking().OrderBy(s => s.Name).ToDictionaryAsync(s => s.Id, s => s.Name);
        // Complete AligNet data sets, so a student can be trained on data generated earlier without generating again.
        var complete = await db.AligNetDatasets.AsNoTracking().Where(d => d.Status == AligNet.Domain.Generation.AligNetDatasetStatus.Complete)
            .OrderByDescending(d => d.CreatedAt).Select(d => new { d.Id, d.StimulusSetIds, d.TrainingTriplets, d.CreatedAt }).ToListAsync();
        datasets = [.. complete.Select(d => (d.Id, d.StimulusSetIds[0], $"data set {d.Id.ToString()[..8]}: {d.TrainingTriplets:N0} triplets, {d.CreatedAt:yyyy-MM-dd HH:mm}"))];
    }

    private IEnumerable<(Guid Id, string Label)> DatasetsOfSet => datasets.Where(d => d.Set == setId).Select(d => (d.Id, d.Label));

    private async Task StartAsync()
    {
        if (setId is not { } set) return;
        var steps = new List<RunParameters>();
        if (embeddings) steps.Add(new EmbeddingsRunParameters(set));
        if (teacher) steps.Add(new TeacherRunParameters(set, baseModel.Trim(), baseModelVersion.Trim(), MaxEpochs: maxEpochs, Patience: patience));
        if (data) steps.Add(new AligNetDataRunParameters([set], null, count, Clusters: 10, DefaultMixture, ShardSize: (int)Math.Min(count, 1_000_000)));
        if (student && studentFields is { } fields)
        {
            if (fields.Problems.Count > 0)
            {
                message = "Not started: " + string.Join(" ", fields.Problems);
                return;
            }
            steps.Add(fields.Settings.ToParameters(set, datasetId, pipelineSeed: 42));
        }
        if (evaluation) steps.Add(new EvaluationRunParameters(set, ModelVersionId: null));
        var principal = (await Authentication).User;
        if (!principal.IsInRole(AligNet.Data.Identity.Roles.Admin))
        {
            message = "Only admins can start pipelines.";
            return;
        }
        var user = principal.Identity?.Name ?? "admin";
        try
        {
            var run = await Launcher.LaunchPipelineAsync(Guid.NewGuid(), set, steps, user);
            message = $"Pipeline {run.Id} started: {string.Join(" → ", steps.Select(s => s.Kind))}.";
            await Started.InvokeAsync();
        }
        catch (RunRefusedException ex)
        {
            message = ex.Message;
        }
    }
}
