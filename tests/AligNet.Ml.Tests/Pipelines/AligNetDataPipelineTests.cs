using System.Text.Json;
using AligNet.Domain.Generation;
using AligNet.Ml.Generation;
using AligNet.Pipelines.Generation;
using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Ml.Tests.Pipelines;

/// <summary>
/// AligNet data from the database (<see cref="CircleConcepts"/>, its active teacher): one dataset row that goes to
/// Complete with the manifest's counts, shards with stimulus ids, and a Failed row with the reason on bad input.
/// </summary>
public class AligNetDataPipelineTests : CircleTeacherTestBase
{
    [Fact]
    public async Task Generates_with_the_active_teacher_records_the_data_set_and_a_second_run_changes_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = database.CreateContext();
        var request = new AligNetDataPipeline.Request(Guid.NewGuid(), [setId], null, Count: 300, Clusters: 4,
            Mixture: "between_cluster=0.4,cluster_border=0.4,random=0.2", Seed: 3, Validation: 20, ShardSize: 120, RequestedBy: "test");

        await new AligNetDataPipeline(db, artifacts).GenerateAsync(request, ct: ct);

        var stored = await db.AligNetDatasets.AsNoTracking().SingleAsync(d => d.Id == request.DatasetId, ct);
        var teacher = await db.ModelVersions.AsNoTracking().SingleAsync(m => m.IsActive, ct);
        Assert.Equal(AligNetDatasetStatus.Complete, stored.Status);
        Assert.Equal(teacher.Id, stored.TeacherVersionId);
        Assert.Equal([setId], stored.StimulusSetIds);
        Assert.Equal((300L, 20L, 24L), (stored.TrainingTriplets, stored.ValidationTriplets, stored.PoolSize));
        Assert.NotNull(stored.CompletedAt);
        var counts = JsonDocument.Parse(stored.CountsPerVariant).RootElement.GetProperty("training");
        Assert.Equal(300, counts.EnumerateObject().Sum(p => p.Value.GetInt64()));
        Assert.Equal(300, JsonDocument.Parse(stored.EntropyHistogram).RootElement.GetProperty("counts").EnumerateArray().Sum(v => v.GetInt64()));

        var folder = Path.Combine(artifacts, stored.ShardDirectory);
        var manifest = DatasetManifest.TryLoad(folder)!;
        Assert.True(manifest.Complete);
        Assert.Equal(3, manifest.TrainShards.Count);
        var stimulusIds = (await db.Stimuli.AsNoTracking().Where(s => s.StimulusSetId == setId).OrderBy(s => s.Index).Select(s => s.Id).ToListAsync(ct)).Select(g => g.ToString()).ToList();
        var shard = await ShardFile.ReadAsync(Path.Combine(folder, manifest.TrainShards[0].File), ct);
        for (var r = 0; r < shard.I.Length; r++) Assert.Equal(stimulusIds[shard.I[r]], shard.IdI![r]);

        var before = File.ReadAllBytes(Path.Combine(folder, manifest.TrainShards[0].File));
        await new AligNetDataPipeline(db, artifacts).GenerateAsync(request, ct: ct);
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(folder, manifest.TrainShards[0].File)));
        Assert.Equal(1, await db.AligNetDatasets.CountAsync(ct));
    }

    [Fact]
    public async Task A_pool_without_categories_refuses_class_variants_and_the_row_says_why()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = database.CreateContext();
        var request = new AligNetDataPipeline.Request(Guid.NewGuid(), [setId], null, Count: 100, Clusters: 4, Mixture: "within_class=1");

        await Assert.ThrowsAsync<GenerationException>(() => new AligNetDataPipeline(db, artifacts).GenerateAsync(request, ct: ct));

        var stored = await db.AligNetDatasets.AsNoTracking().SingleAsync(d => d.Id == request.DatasetId, ct);
        Assert.Equal(AligNetDatasetStatus.Failed, stored.Status);
        Assert.Contains("need class labels", stored.Error);
    }
}
