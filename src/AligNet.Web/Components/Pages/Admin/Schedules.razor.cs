using AligNet.Data;
using AligNet.Data.Runs;
using AligNet.Domain.Runs;
using AligNet.Jobs.Schedules;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Web.Components.Pages.Admin;

public partial class Schedules
{
    [Inject] private IDbContextFactory<AligNetDbContext> Contexts { get; set; } = default!;
    [Inject] private ScheduleEditor Editor { get; set; } = default!;
    [Inject] private ScheduleFirer Firer { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = default!;

    private Dictionary<Guid, string> sets = [];
    private List<RunSchedule> schedules = [];
    private string name = "";
    private Guid? setId;
    private string cron = "0 3 * * *";
    private string timeZone = "UTC";
    private int? everyN;
    private int minInterval = 60;
    private string baseModel = "resnet18-onnx";
    private string baseModelVersion = "";
    private bool embeddings;
    private bool teacher = true;
    private bool data;
    private bool student;
    private Research.StudentOptionsFields? studentFields;
    private bool evaluation;
    private string? message;

    protected override Task OnInitializedAsync() => ReloadAsync();

    private async Task ReloadAsync()
    {
        await using var db = await Contexts.CreateDbContextAsync();
        sets = await db.StimulusSets.AsNoTracking().OrderBy(s => s.Name).ToDictionaryAsync(s => s.Id, s => s.Name);
        schedules = await db.RunSchedules.AsNoTracking().OrderBy(s => s.Name).ToListAsync();
    }

    /// <summary>The cron in words and its next three times in the chosen zone, or what is wrong with it.</summary>
    private string Preview()
    {
        if (ScheduleRules.Parse(cron) is null) return $"'{cron}' is not a cron expression: five fields, e.g. '0 3 * * *'.";
        var next = ScheduleRules.NextOccurrences(cron, timeZone, DateTimeOffset.UtcNow, 3);
        return next.Count == 0 ? $"'{timeZone}' is not a time zone (e.g. UTC, Europe/Berlin)."
            : $"Runs {CronWords.Describe(cron)} ({timeZone}); next: {string.Join(", ", next.Select(t => t.ToString("yyyy-MM-dd HH:mm zzz")))}";
    }

    private static string Describe(RunSchedule s) => string.Join("; ", new[]
    {
        s.Cron is null ? null : $"{CronWords.Describe(s.Cron)} ({s.TimeZone})",
        s.EveryNewResponses is { } n ? $"after every {n} new valid responses" : null,
        $"at most every {s.MinIntervalMinutes} min",
    }.OfType<string>());

    /// <summary>The steps a firing launches, e.g. "Teacher → AligNetData → Student".</summary>
    private static string StepsOf(RunSchedule s) => string.Join(" → ", ScheduledPipeline.Read(s.Pipeline).Steps(s.StimulusSetId, 0).Select(p => p.Kind));

    private async Task<string> ActorAsync() => (await Authentication).User.Identity?.Name ?? "admin";

    private async Task CreateAsync()
    {
        if (setId is not { } set)
        {
            message = "Choose a stimulus set.";
            return;
        }
        if (student && studentFields?.Problems is { Count: > 0 } problems)
        {
            message = "Not created: " + string.Join(" ", problems);
            return;
        }
        var settings = student ? studentFields?.Settings : null;
        var pipeline = new ScheduledPipeline(embeddings, teacher, baseModel.Trim(), baseModelVersion.Trim(), TeacherMaxEpochs: 100, data, Triplets: 100_000,
            Student: student, StudentSteps: settings?.Steps ?? 2000, Evaluation: evaluation, StudentOptions: settings);
        await ActAsync(async () =>
        {
            var created = await Editor.CreateAsync(name, set, cron, timeZone, everyN, minInterval, pipeline, await ActorAsync());
            return $"Schedule '{created.Name}' created.";
        });
    }

    private Task RunNowAsync(Guid id) => ActAsync(async () => $"Pipeline {await Firer.FireNowAsync(id, await ActorAsync())} started.");

    private Task PauseAsync(Guid id, bool paused) => ActAsync(async () =>
    {
        await Editor.SetPausedAsync(id, paused, await ActorAsync());
        return paused ? "Paused." : "Resumed.";
    });

    private Task DeleteAsync(Guid id) => ActAsync(async () =>
    {
        await Editor.DeleteAsync(id, await ActorAsync());
        return "Deleted.";
    });

    private async Task ActAsync(Func<Task<string>> action)
    {
        try
        {
            message = await action();
        }
        catch (RunRefusedException ex)
        {
            message = ex.Message;
        }
        await ReloadAsync();
    }
}
