using AligNet.Domain.Runs;
using AligNet.Jobs;
using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Ml.Tests.Runs;

/// <summary>
/// A pipeline teacher → AligNet data on the real database: each step a run of its own, handed over through Hangfire's
/// queue (the test plays the worker by calling each step's job); a failed step stops the chain with its reason.
/// </summary>
public class PipelineChainTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private RunServices services = null!;
    private Guid setId;

    public async ValueTask InitializeAsync()
    {
        services = await RunServices.StartAsync();
        await using var db = services.Database.CreateContext();
        setId = await CircleConcepts.CreateAsync(db, services.Root);
    }

    public ValueTask DisposeAsync() => services.DisposeAsync();

    private RunParameters[] Steps() =>
    [
        new TeacherRunParameters(setId, CircleConcepts.Model, CircleConcepts.Version, Seed: 3, AutoPromote: false, MaxEpochs: 3, LambdaGrid: [0.1]),
        new AligNetDataRunParameters([setId], TeacherVersionId: null, Count: 200, Clusters: 2, Mixture: "random=1", Seed: 5, Validation: 20, ShardSize: 100),
    ];

    [Fact]
    public async Task Each_step_runs_as_its_own_run_and_the_data_step_uses_the_teacher_its_pipeline_trained()
    {
        var pipelineId = Guid.NewGuid();
        await services.Get<RunLauncher>().LaunchPipelineAsync(pipelineId, setId, Steps(), "test", Ct);
        var (teacherStep, dataStep) = await StepsAsync(pipelineId);
        Assert.NotNull(teacherStep.JobId);
        Assert.Null(dataStep.JobId);

        await services.Get<ITeacherTrainingJob>().RunAsync(teacherStep.Id);
        (teacherStep, dataStep) = await StepsAsync(pipelineId);
        Assert.Equal(RunState.Succeeded, teacherStep.State);
        Assert.NotNull(dataStep.JobId); // handed to Hangfire by the step before it

        await services.Get<IAligNetDataJob>().RunAsync(dataStep.Id);

        await using var db = services.Database.CreateContext();
        var pipeline = await db.Runs.AsNoTracking().SingleAsync(r => r.Id == pipelineId, Ct);
        Assert.Equal(RunState.Succeeded, pipeline.State);
        var dataset = await db.AligNetDatasets.AsNoTracking().SingleAsync(Ct);
        Assert.Equal(dataStep.Id, dataset.Id);
        // Not promoted, so only the pipeline link can have named this teacher.
        Assert.Equal(teacherStep.Id, dataset.TeacherVersionId);
        Assert.Equal(200, dataset.TrainingTriplets);
        Assert.Equal(20, dataset.ValidationTriplets);
    }

    [Fact]
    public async Task A_failed_step_stops_the_chain_with_its_reason_and_nothing_after_it_runs()
    {
        var pipelineId = Guid.NewGuid();
        await services.Get<RunLauncher>().LaunchPipelineAsync(pipelineId, setId, Steps(), "test", Ct);
        var (teacherStep, _) = await StepsAsync(pipelineId);
        await using (var db = services.Database.CreateContext()) await db.Embeddings.ExecuteDeleteAsync(Ct);

        await Assert.ThrowsAsync<RunInputException>(() => services.Get<ITeacherTrainingJob>().RunAsync(teacherStep.Id));

        var (failed, skipped) = await StepsAsync(pipelineId);
        Assert.Equal(RunState.Failed, failed.State);
        Assert.Equal(RunState.Cancelled, skipped.State);
        Assert.Null(skipped.JobId);
        Assert.StartsWith("not run: step 1 (Teacher) failed", skipped.Outcome);
        await using var check = services.Database.CreateContext();
        var pipeline = await check.Runs.AsNoTracking().SingleAsync(r => r.Id == pipelineId, Ct);
        Assert.Equal(RunState.Failed, pipeline.State);
        Assert.Contains("embeddings", pipeline.Outcome);
        Assert.Equal(0, await check.AligNetDatasets.CountAsync(Ct));
        Assert.Equal(0, await check.ModelVersions.CountAsync(Ct));
    }

    [Fact]
    public async Task A_pipeline_for_a_set_without_human_data_is_refused_and_nothing_is_registered()
    {
        await using (var db = services.Database.CreateContext())
        {
            await db.ImportedTriplets.ExecuteDeleteAsync(Ct);
            await db.TripletDatasets.ExecuteDeleteAsync(Ct);
        }

        var ex = await Assert.ThrowsAsync<RunRefusedException>(() => services.Get<RunLauncher>().LaunchPipelineAsync(Guid.NewGuid(), setId, Steps(), "test", Ct));

        Assert.Contains("no human judgments", ex.Message);
        await using var check = services.Database.CreateContext();
        Assert.Equal(0, await check.Runs.CountAsync(Ct));
    }

    private async Task<(Run Teacher, Run Data)> StepsAsync(Guid pipelineId)
    {
        await using var db = services.Database.CreateContext();
        var steps = await db.Runs.AsNoTracking().Where(r => r.ParentRunId == pipelineId).OrderBy(r => r.StepIndex).ToListAsync(Ct);
        Assert.Equal(2, steps.Count);
        return (steps[0], steps[1]);
    }
}
