using AligNet.Domain.Runs;
using AligNet.Jobs.Schedules;
using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AligNet.Ml.Tests.Runs;

/// <summary>Schedules whose firings go on to a student and an evaluation: validated when made, audited, and launched as steps.</summary>
public class ScheduledStepsTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 1, 1, 0, 0, TimeSpan.Zero));
    private RunServices services = null!;
    private Guid setId;

    public async ValueTask InitializeAsync()
    {
        services = await RunServices.StartAsync(s => s.AddSingleton<TimeProvider>(clock));
        await using var db = services.Database.CreateContext();
        setId = await CircleConcepts.CreateAsync(db, services.Root);
    }

    public ValueTask DisposeAsync() => services.DisposeAsync();

    private static ScheduledPipeline Full => new(false, true, CircleConcepts.Model, CircleConcepts.Version, 3, AligNetData: true, Triplets: 200, Clusters: 2,
        Student: true, StudentSteps: 30, Evaluation: true);

    [Fact]
    public async Task A_schedule_with_student_and_evaluation_fires_a_pipeline_with_those_steps_and_is_audited_with_them()
    {
        var schedule = await services.Get<ScheduleEditor>().CreateAsync("full loop", setId, "0 3 * * *", "UTC", null, 60, Full, "admin", Ct);
        var runId = await services.Get<ScheduleFirer>().FireNowAsync(schedule.Id, "admin", Ct);

        await using var db = services.Database.CreateContext();
        var steps = await db.Runs.AsNoTracking().Where(r => r.ParentRunId == runId).OrderBy(r => r.StepIndex).ToListAsync(Ct);
        Assert.Equal([RunKind.Teacher, RunKind.AligNetData, RunKind.Student, RunKind.Evaluation], steps.Select(s => s.Kind));
        var student = RunParameters.Read<StudentRunParameters>(steps[2]);
        Assert.Equal((null, 30), (student.DatasetId, student.Steps));
        Assert.Null(RunParameters.Read<EvaluationRunParameters>(steps[3]).ModelVersionId);
        var created = await db.AuditLog.AsNoTracking().SingleAsync(a => a.Action == "schedule.create", Ct);
        using var details = System.Text.Json.JsonDocument.Parse(created.Details!);
        var audited = details.RootElement.GetProperty("pipeline");
        Assert.Equal((true, 30, true), (audited.GetProperty("student").GetBoolean(), audited.GetProperty("studentSteps").GetInt32(), audited.GetProperty("evaluation").GetBoolean()));
    }

    [Theory]
    [InlineData(true, false, 30, true, true, "tick AligNet data too")]
    [InlineData(false, true, 30, false, true, "tick Teacher too")]
    [InlineData(true, true, 0, false, false, "Student steps must be from 1")]
    public async Task Student_and_evaluation_steps_without_their_inputs_are_refused_with_the_fix(bool teacher, bool data, int studentSteps, bool student, bool evaluation, string expected)
    {
        var pipeline = Full with { Teacher = teacher, AligNetData = data, StudentSteps = studentSteps, Student = student || studentSteps == 0, Evaluation = evaluation };
        var ex = await Assert.ThrowsAsync<RunRefusedException>(() => services.Get<ScheduleEditor>().CreateAsync("bad", setId, "0 3 * * *", "UTC", null, 60, pipeline, "admin", Ct));

        Assert.Contains(expected, ex.Message);
        await using var db = services.Database.CreateContext();
        Assert.Equal((0, 0), (await db.RunSchedules.CountAsync(Ct), await db.AuditLog.CountAsync(a => a.Action.StartsWith("schedule."), Ct)));
    }

    [Fact]
    public void A_schedule_stored_before_student_steps_existed_reads_without_them()
    {
        const string stored = """{"embeddings":false,"teacher":true,"baseModel":"m","baseModelVersion":"v","teacherMaxEpochs":3,"aligNetData":true,"triplets":100}""";
        var pipeline = ScheduledPipeline.Read(stored);
        Assert.Equal([RunKind.Teacher, RunKind.AligNetData], pipeline.Steps(Guid.NewGuid(), 1).Select(s => s.Kind));
    }
}
