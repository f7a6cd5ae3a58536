using AligNet.Domain.Models;
using AligNet.Domain.Runs;
using AligNet.Jobs;
using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Ml.Tests.Runs;

/// <summary>
/// The Student and Evaluation run kinds on the real database (<see cref="CircleConcepts"/>, tiny settings): launched
/// through <see cref="RunLauncher"/> alone or as the last steps of a pipeline, they end Succeeded with what they produced
/// linked on the run, and a second attempt after a worker died registers nothing twice.
/// </summary>
public class StudentEvaluationRunTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private RunServices services = null!;
    private Guid setId;

    public async ValueTask InitializeAsync()
    {
        services = await RunServices.StartAsync();
        await using var db = services.Database.CreateContext();
        setId = await CircleConcepts.CreateAsync(db, services.Root);
        // Four quarters of the circle as categories, so the evaluation has every level.
        foreach (var stimulus in await db.Stimuli.Where(s => s.StimulusSetId == setId).ToListAsync(Ct)) stimulus.CategoryPath = ["circle", $"q{stimulus.Index / 6}"];
        await db.SaveChangesAsync(Ct);
    }

    public ValueTask DisposeAsync() => services.DisposeAsync();

    private TeacherRunParameters Teacher() => new(setId, CircleConcepts.Model, CircleConcepts.Version, Seed: 3, AutoPromote: false, MaxEpochs: 3, LambdaGrid: [0.1]);
    private AligNetDataRunParameters Data() => new([setId], TeacherVersionId: null, Count: 200, Clusters: 2, Mixture: "random=1", Seed: 5, Validation: 20, ShardSize: 100);
    private StudentRunParameters Student(Guid? datasetId) => new(setId, datasetId, Steps: 20, Batch: 32, LearningRate: 0.02, Seed: 5, ValidateEvery: 10);
    private EvaluationRunParameters Evaluation(Guid? versionId) => new(setId, versionId, Bootstrap: 50, Seed: 1);

    [Fact]
    public async Task A_pipeline_with_student_and_evaluation_steps_links_the_student_and_the_report_on_its_runs()
    {
        var pipelineId = Guid.NewGuid();
        await services.Get<RunLauncher>().LaunchPipelineAsync(pipelineId, setId, [Teacher(), Data(), Student(null), Evaluation(null)], "test", Ct);

        await services.Get<ITeacherTrainingJob>().RunAsync((await StepsAsync(pipelineId))[0].Id);
        await services.Get<IAligNetDataJob>().RunAsync((await StepsAsync(pipelineId))[1].Id);
        await services.Get<IStudentTrainingJob>().RunAsync((await StepsAsync(pipelineId))[2].Id);
        var handedOver = (await StepsAsync(pipelineId))[3];
        Assert.NotNull(handedOver.JobId);
        await services.Get<IModelEvaluationJob>().RunAsync(handedOver.Id);

        var steps = await StepsAsync(pipelineId);
        Assert.All(steps, s => Assert.Equal(RunState.Succeeded, s.State));
        await using var db = services.Database.CreateContext();
        Assert.Equal(RunState.Succeeded, (await db.Runs.AsNoTracking().SingleAsync(r => r.Id == pipelineId, Ct)).State);
        var student = await db.ModelVersions.AsNoTracking().SingleAsync(m => m.Kind == ModelKind.Student, Ct);
        Assert.Equal(steps[2].Id, student.Id);
        Assert.Equal(student.Id, steps[2].ModelVersionId);
        Assert.Contains(steps[1].Id.ToString(), student.DataSnapshot); // trained on the data its pipeline generated
        var evaluation = await db.ModelEvaluations.AsNoTracking().SingleAsync(Ct);
        Assert.Equal(steps[3].Id, evaluation.Id);
        Assert.Equal(steps[0].Id, evaluation.ModelVersionId); // the teacher its pipeline trained (not promoted)
        Assert.Equal(steps[0].Id, steps[3].ModelVersionId);
    }

    [Fact]
    public async Task Launched_alone_they_succeed_and_an_attempt_after_a_dead_worker_registers_one_version_and_one_report()
    {
        var launcher = services.Get<RunLauncher>();
        var pipelineId = Guid.NewGuid();
        await launcher.LaunchPipelineAsync(pipelineId, setId, [Teacher(), Data()], "test", Ct);
        await services.Get<ITeacherTrainingJob>().RunAsync((await StepsAsync(pipelineId))[0].Id);
        await services.Get<IAligNetDataJob>().RunAsync((await StepsAsync(pipelineId))[1].Id);
        var (teacherId, datasetId) = ((await StepsAsync(pipelineId))[0].Id, (await StepsAsync(pipelineId))[1].Id);

        var studentRun = await launcher.LaunchAsync(Guid.NewGuid(), Student(datasetId), "test", Ct);
        var evaluationRun = await launcher.LaunchAsync(Guid.NewGuid(), Evaluation(teacherId), "test", Ct);
        Assert.NotNull(studentRun.JobId);
        Assert.NotNull(evaluationRun.JobId);
        for (var attempt = 0; attempt < 2; attempt++)
        {
            await services.Get<IStudentTrainingJob>().RunAsync(studentRun.Id);
            await services.Get<IModelEvaluationJob>().RunAsync(evaluationRun.Id);
            if (attempt == 0) await PretendTheWorkerDiedBeforeRecordingAsync(studentRun.Id, evaluationRun.Id);
        }

        await using var db = services.Database.CreateContext();
        var student = await db.Runs.AsNoTracking().SingleAsync(r => r.Id == studentRun.Id, Ct);
        var evaluation = await db.Runs.AsNoTracking().SingleAsync(r => r.Id == evaluationRun.Id, Ct);
        Assert.Equal((RunState.Succeeded, 2), (student.State, student.Attempts));
        Assert.Equal((RunState.Succeeded, 2), (evaluation.State, evaluation.Attempts));
        Assert.Equal(student.Id, student.ModelVersionId);
        Assert.Equal(teacherId, evaluation.ModelVersionId);
        Assert.Equal(student.Id, (await db.ModelVersions.AsNoTracking().SingleAsync(m => m.Kind == ModelKind.Student, Ct)).Id);
        Assert.Equal(evaluation.Id, (await db.ModelEvaluations.AsNoTracking().SingleAsync(Ct)).Id);
        Assert.True(Directory.Exists(Path.Combine(services.Artifacts, "students", student.Id.ToString("N"))));
    }

    [Fact]
    public async Task A_student_run_on_an_unknown_data_set_fails_once_with_the_fix_and_registers_nothing()
    {
        var run = await services.Get<RunLauncher>().LaunchAsync(Guid.NewGuid(), Student(Guid.NewGuid()), "test", Ct);

        await Assert.ThrowsAsync<RunInputException>(() => services.Get<IStudentTrainingJob>().RunAsync(run.Id));

        await using var db = services.Database.CreateContext();
        var failed = await db.Runs.AsNoTracking().SingleAsync(r => r.Id == run.Id, Ct);
        Assert.Equal(RunState.Failed, failed.State);
        Assert.Contains("generate one first", failed.Outcome);
        Assert.Equal(0, await db.ModelVersions.CountAsync(Ct));
    }

    [Fact]
    public async Task A_student_or_evaluation_without_an_input_or_a_step_to_give_one_is_refused_at_launch()
    {
        var launcher = services.Get<RunLauncher>();

        var student = await Assert.ThrowsAsync<RunRefusedException>(() => launcher.LaunchAsync(Guid.NewGuid(), Student(null), "test", Ct));
        var evaluation = await Assert.ThrowsAsync<RunRefusedException>(() => launcher.LaunchPipelineAsync(Guid.NewGuid(), setId, [Data(), Evaluation(null)], "test", Ct));

        Assert.Contains("add an AligNet-data step before it", student.Message);
        Assert.Contains("add a teacher step before it", evaluation.Message);
        await using var db = services.Database.CreateContext();
        Assert.Equal(0, await db.Runs.CountAsync(Ct));
    }

    /// <summary>The version and report were stored, but the run still reads Running with nothing linked.</summary>
    private async Task PretendTheWorkerDiedBeforeRecordingAsync(params Guid[] runIds)
    {
        await using var db = services.Database.CreateContext();
        await db.Runs.Where(r => runIds.Contains(r.Id)).ExecuteUpdateAsync(r => r
            .SetProperty(x => x.State, RunState.Running).SetProperty(x => x.FinishedAt, (DateTimeOffset?)null)
            .SetProperty(x => x.ModelVersionId, (Guid?)null).SetProperty(x => x.Outcome, (string?)null), Ct);
    }

    private async Task<List<Run>> StepsAsync(Guid pipelineId)
    {
        await using var db = services.Database.CreateContext();
        return await db.Runs.AsNoTracking().Where(r => r.ParentRunId == pipelineId).OrderBy(r => r.StepIndex).ToListAsync(Ct);
    }
}
