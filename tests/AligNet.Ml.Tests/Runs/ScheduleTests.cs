using AligNet.Data.Runs;
using AligNet.Domain.Runs;
using AligNet.Jobs.Schedules;
using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AligNet.Ml.Tests.Runs;

/// <summary>
/// Schedules on the real database with a test clock: a cron schedule fires once per occurrence (however many workers
/// check), pause and resume, a data trigger that is debounced, student and evaluation steps, and bad input refused with the fix.
/// </summary>
public class ScheduleTests : IAsyncLifetime
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

    private static ScheduledPipeline TeacherOnly => new(false, true, CircleConcepts.Model, CircleConcepts.Version, 3, false, 0);

    [Fact]
    public async Task A_nightly_schedule_fires_once_at_its_time_in_its_zone_and_not_again_until_the_next_night()
    {
        var editor = services.Get<ScheduleEditor>();
        // 03:00 in Berlin is 02:00 UTC in December.
        var schedule = await editor.CreateAsync("nightly", setId, "0 3 * * *", "Europe/Berlin", null, 60, TeacherOnly, "admin", Ct);
        Assert.Equal("at 03:00 every day", CronWords.Describe(schedule.Cron!));
        var next = ScheduleRules.NextOccurrences(schedule.Cron!, schedule.TimeZone, clock.GetUtcNow(), 2);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 3, 0, 0, TimeSpan.FromHours(1)), next[0]);
        Assert.Equal(TimeSpan.FromHours(1), next[0].Offset);

        Assert.Empty(await services.Get<ScheduleFirer>().FireDueAsync(Ct)); // 01:00 UTC: not yet
        clock.Advance(TimeSpan.FromMinutes(61));
        var fired = await services.Get<ScheduleFirer>().FireDueAsync(Ct);
        Assert.Single(fired);
        Assert.Empty(await services.Get<ScheduleFirer>().FireDueAsync(Ct)); // a second worker checking at the same moment
        await using (var db1 = services.Database.CreateContext()) await new RunLedger(db1).RequestCancelAsync(fired[0], Ct); // as if it had run
        clock.Advance(TimeSpan.FromHours(23));
        Assert.Empty(await services.Get<ScheduleFirer>().FireDueAsync(Ct)); // 01:01 UTC the next day
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Single(await services.Get<ScheduleFirer>().FireDueAsync(Ct));

        await using var db = services.Database.CreateContext();
        var pipelines = await db.Runs.AsNoTracking().Where(r => r.Kind == RunKind.Pipeline).ToListAsync(Ct);
        Assert.Equal(2, pipelines.Count);
        Assert.Contains(pipelines, p => p.Id == fired[0]);
        Assert.Equal(1, await db.AuditLog.CountAsync(a => a.Action == "schedule.create", Ct));
    }

    [Fact]
    public async Task A_paused_schedule_does_not_fire_and_resuming_does_not_replay_missed_occurrences()
    {
        var editor = services.Get<ScheduleEditor>();
        var schedule = await editor.CreateAsync("hourly", setId, "0 * * * *", "UTC", null, 30, TeacherOnly, "admin", Ct);
        await editor.SetPausedAsync(schedule.Id, true, "admin", Ct);
        clock.Advance(TimeSpan.FromHours(5));
        Assert.Empty(await services.Get<ScheduleFirer>().FireDueAsync(Ct));

        await editor.SetPausedAsync(schedule.Id, false, "admin", Ct);
        Assert.Empty(await services.Get<ScheduleFirer>().FireDueAsync(Ct));
        clock.Advance(TimeSpan.FromMinutes(60));
        var fired = Assert.Single(await services.Get<ScheduleFirer>().FireDueAsync(Ct));

        // While that run is still queued, the next occurrence would write the same teacher version: refused, with the reason kept.
        clock.Advance(TimeSpan.FromMinutes(60));
        Assert.Empty(await services.Get<ScheduleFirer>().FireDueAsync(Ct));
        var refused = await Assert.ThrowsAsync<RunRefusedException>(() => services.Get<ScheduleFirer>().FireNowAsync(schedule.Id, "admin", Ct));
        Assert.Contains("A Teacher run that would write the same version is already queued", refused.Message);
        Assert.NotEqual(Guid.Empty, fired);
        await using var db = services.Database.CreateContext();
        Assert.Contains("already queued", (await db.RunSchedules.AsNoTracking().SingleAsync(Ct)).LastError);
        Assert.Equal(3, await db.AuditLog.CountAsync(a => a.Action.StartsWith("schedule."), Ct));
    }

    [Fact]
    public async Task A_data_trigger_fires_after_N_new_valid_responses_but_never_twice_within_its_minimum_interval()
    {
        var schedule = await services.Get<ScheduleEditor>().CreateAsync("on data", setId, null, "UTC", 50, 60, TeacherOnly, "admin", Ct);
        var firer = services.Get<ScheduleFirer>();
        await using var db = services.Database.CreateContext();
        var stored = await db.RunSchedules.AsNoTracking().SingleAsync(Ct);

        // The rule itself, on counts: 49 new responses are not enough, 50 are; within the interval nothing fires.
        Assert.Null(ScheduleFirer.Occasion(stored, clock.GetUtcNow(), stored.ResponsesAtLastFire + 49));
        Assert.NotNull(ScheduleFirer.Occasion(stored, clock.GetUtcNow(), stored.ResponsesAtLastFire + 50));
        var justFired = new RunSchedule { Name = "x", Pipeline = "{}", EveryNewResponses = 50, MinIntervalMinutes = 60, LastFiredAt = clock.GetUtcNow().AddMinutes(-59) };
        Assert.Null(ScheduleFirer.Occasion(justFired, clock.GetUtcNow(), 10_000));
        Assert.NotNull(ScheduleFirer.Occasion(justFired, clock.GetUtcNow().AddMinutes(1), 10_000));
        // No platform responses in this set yet: nothing fires.
        Assert.Empty(await firer.FireDueAsync(Ct));
        Assert.Equal(schedule.Id, stored.Id);
    }

    [Theory]
    [InlineData("0 3 * *", null, 60, "is not a cron expression")]
    [InlineData("* * * * *", null, 60, "fires every 1 min")]
    [InlineData(null, 5, 60, "would fire almost continuously")]
    [InlineData(null, 100, 1, "cannot fire continuously")]
    [InlineData(null, null, 60, "Give a cron expression, a data trigger")]
    public async Task Bad_schedules_are_refused_with_a_message_naming_the_fix(string? cron, int? everyN, int interval, string expected)
    {
        var ex = await Assert.ThrowsAsync<RunRefusedException>(() =>
            services.Get<ScheduleEditor>().CreateAsync("bad", setId, cron, "UTC", everyN, interval, TeacherOnly, "admin", Ct));
        Assert.Contains(expected, ex.Message);
        await using var db = services.Database.CreateContext();
        Assert.Equal(0, await db.RunSchedules.CountAsync(Ct));
    }

    [Fact]
    public async Task A_schedule_for_a_set_without_embeddings_of_its_base_model_is_refused()
    {
        var ex = await Assert.ThrowsAsync<RunRefusedException>(() => services.Get<ScheduleEditor>().CreateAsync("no embeddings", setId, "0 3 * * *", "UTC", null, 60,
            TeacherOnly with { BaseModel = "resnet18-onnx" }, "admin", Ct));
        Assert.Contains("no embeddings of resnet18-onnx", ex.Message);
        var zone = await Assert.ThrowsAsync<RunRefusedException>(() => services.Get<ScheduleEditor>().CreateAsync("zone", setId, "0 3 * * *", "Mars/Olympus", null, 60, TeacherOnly, "admin", Ct));
        Assert.Contains("not a time zone", zone.Message);
    }

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

    private static readonly StudentSettings ImageStudent = new(StudentSettings.Image, Steps: 25, Batch: 16, LearningRate: 2e-5, Decay: 0.5, Temperature: 190,
        Objective: "kl", Seed: 9, TrainFrom: "layer3", LinearHead: false, BatchNorm: "batch", PrefixCache: "memory");

    [Fact]
    public async Task A_scheduled_image_student_carries_its_options_into_the_fired_run()
    {
        await using (var db = services.Database.CreateContext())
        {
            await db.Stimuli.Where(s => s.StimulusSetId == setId).ExecuteUpdateAsync(u => u.SetProperty(s => s.ImagePath, s => "circle/" + s.Label + ".png"), Ct);
        }
        var pipeline = Full with { Teacher = false, Evaluation = false, StudentOptions = ImageStudent };
        var schedule = await services.Get<ScheduleEditor>().CreateAsync("image student", setId, "0 3 * * *", "UTC", null, 60, pipeline, "admin", Ct);
        clock.Advance(TimeSpan.FromHours(2)); // 03:00 UTC: the cron firing, not "run now"
        var fired = Assert.Single(await services.Get<ScheduleFirer>().FireDueAsync(Ct));

        await using var check = services.Database.CreateContext();
        var step = await check.Runs.AsNoTracking().SingleAsync(r => r.ParentRunId == fired && r.Kind == RunKind.Student, Ct);
        var expected = new StudentRunParameters(setId, DatasetId: null, "linear", "kl", 190, 0.5, 25, 16, 2e-5, 9, null, "layer3", LinearHead: false, "batch", "memory");
        Assert.Equal(expected, RunParameters.Read<StudentRunParameters>(step));
        Assert.Equal(schedule.Id, (await check.RunSchedules.AsNoTracking().SingleAsync(Ct)).Id);
    }

    [Fact]
    public async Task An_image_student_on_a_set_of_labels_or_over_other_features_is_refused_with_the_fix()
    {
        var editor = services.Get<ScheduleEditor>();
        var noImages = await Assert.ThrowsAsync<RunRefusedException>(() =>
            editor.CreateAsync("no images", setId, "0 3 * * *", "UTC", null, 60, Full with { Teacher = false, Evaluation = false, StudentOptions = ImageStudent }, "admin", Ct));
        Assert.Equal("'circle' has 24 stimuli without an image (an image student trains the ResNet18 on the set's pictures): " +
            "choose an embedding student, or use a set of images (Stimulus sets page, import images).", noImages.Message);

        var otherFeatures = await Assert.ThrowsAsync<RunRefusedException>(() =>
            editor.CreateAsync("other features", setId, "0 3 * * *", "UTC", null, 60, Full with { StudentOptions = ImageStudent }, "admin", Ct));
        Assert.Contains("its teacher must be over resnet18-onnx embeddings, not 'base': set the base model to resnet18-onnx, or choose an embedding student.", otherFeatures.Message);

        var bad = await Assert.ThrowsAsync<RunRefusedException>(() =>
            editor.CreateAsync("bad", setId, "0 3 * * *", "UTC", null, 60, Full with { StudentOptions = ImageStudent with { TrainFrom = "layer9", Batch = 0 } }, "admin", Ct));
        Assert.Contains("Train from must be all, layer1, layer2, layer3 or layer4, not 'layer9'.", bad.Message);
        Assert.Contains("Student batch must be from 1 to 1,000,000 triplets, not 0.", bad.Message);
        await using var db = services.Database.CreateContext();
        Assert.Equal(0, await db.RunSchedules.CountAsync(Ct));
    }

    [Fact]
    public void A_schedule_stored_before_student_options_existed_fires_an_embedding_student_of_its_steps()
    {
        const string stored = """{"embeddings":false,"teacher":true,"baseModel":"m","baseModelVersion":"v","teacherMaxEpochs":3,"aligNetData":true,"triplets":100,"student":true,"studentSteps":77}""";
        var student = ScheduledPipeline.Read(stored).Steps(setId, 3).OfType<StudentRunParameters>().Single();
        Assert.Equal(new StudentRunParameters(setId, null, Steps: 77, Seed: 3), student);
    }
}
