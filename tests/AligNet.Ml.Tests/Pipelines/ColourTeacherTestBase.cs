using AligNet.Ml.BaseModels;
using AligNet.Pipelines.Embeddings;
using AligNet.Pipelines.Teachers;
using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Ml.Tests.Pipelines;

/// <summary>
/// A database of its own with <see cref="ColourImageSet"/> (real images in a real stimulus store), the set's ResNet18
/// embeddings and an active teacher over them (seed 7, 2 epochs), for image students and evaluations that read the
/// images; store, artifacts and a scratch folder are temporary. <see cref="CliAsync"/> runs the real <c>alignet</c>.
/// </summary>
public abstract class ColourTeacherTestBase : IAsyncLifetime
{
    protected TestDatabase database = null!;
    protected Guid setId;
    protected readonly string store = Directory.CreateTempSubdirectory("alignet-store-").FullName;
    protected readonly string artifacts = Directory.CreateTempSubdirectory("alignet-artifacts-").FullName;
    protected readonly string scratch = Directory.CreateTempSubdirectory("alignet-scratch-").FullName;

    protected virtual int Items => ColourImageSet.Items;

    /// <summary>The category path of the stimulus with this index; null keeps the set without paths.</summary>
    protected virtual string[]? CategoryPath(int index) => null;

    public async ValueTask InitializeAsync()
    {
        database = await TestPostgres.CreateDatabaseAsync();
        await using var db = database.CreateContext();
        setId = await ColourImageSet.CreateAsync(db, store, artifacts, items: Items);
        foreach (var stimulus in await db.Stimuli.Where(s => s.StimulusSetId == setId).ToListAsync())
        {
            stimulus.CategoryPath = CategoryPath(stimulus.Index) ?? stimulus.CategoryPath;
        }
        await db.SaveChangesAsync();
        await new StimulusEmbeddingPipeline(db, store).ComputeResNet18Async(setId);
        await new TeacherTrainingPipeline(db, artifacts).TrainAsync(new(setId, ResNet18Featurizer.Model, ResNet18ModelFiles.PackagedVersion, Seed: 7, AutoPromote: true)
        {
            MaxEpochs = 2, LambdaGrid = [1.0], Patience = 1,
        });
    }

    public async ValueTask DisposeAsync()
    {
        await database.DisposeAsync();
        foreach (var folder in new[] { store, artifacts, scratch }) Directory.Delete(folder, true);
    }

    /// <summary>Removes the first stimulus's image file from the store (the row stays): what a lost file looks like.</summary>
    protected async Task DeleteFirstImageAsync(AligNet.Data.AligNetDbContext db, CancellationToken ct)
    {
        var lost = await db.Stimuli.Where(s => s.StimulusSetId == setId).OrderBy(s => s.Index).Select(s => s.ImagePath!).FirstAsync(ct);
        File.Delete(Path.Combine(store, lost));
    }

    /// <summary>The real program against this database and stimulus store; fails the test on a non-zero exit. Returns its output.</summary>
    protected async Task<string> CliAsync(params string[] args)
    {
        var environment = new Dictionary<string, string?> { ["ConnectionStrings__AligNet"] = database.ConnectionString, ["Stimuli__Root"] = store };
        await using var cli = HostProcess.Start("AligNet.Cli", "alignet.dll", environment, args);
        var code = await cli.WaitForExitAsync(TimeSpan.FromMinutes(3));
        Assert.True(code == 0, $"alignet {string.Join(' ', args)} → {code}: {cli.Output}");
        return cli.Output;
    }
}
