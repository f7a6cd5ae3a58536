using System.Text.Json;
using AligNet.Data;
using AligNet.Data.Audit;
using AligNet.Data.Runs;
using AligNet.Domain.Audit;
using AligNet.Domain.Runs;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Jobs.Schedules;

/// <summary>Creates, pauses, resumes and deletes schedules; each change saved with its audit entry, bad input refused with the fix.</summary>
public sealed class ScheduleEditor(IDbContextFactory<AligNetDbContext> contexts, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <exception cref="RunRefusedException">The problems, one sentence each.</exception>
    public async Task<RunSchedule> CreateAsync(string name, Guid setId, string? cron, string timeZone, int? everyNewResponses, int minIntervalMinutes,
        ScheduledPipeline pipeline, string actor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var schedule = new RunSchedule
        {
            Id = Guid.NewGuid(), Name = name.Trim(), StimulusSetId = setId, Cron = string.IsNullOrWhiteSpace(cron) ? null : cron.Trim(),
            TimeZone = timeZone.Trim(), EveryNewResponses = everyNewResponses, MinIntervalMinutes = minIntervalMinutes,
            Pipeline = JsonSerializer.Serialize(pipeline, Json), CreatedAt = clock.GetUtcNow(), CreatedBy = actor,
        };
        var problems = ScheduleRules.Validate(schedule).Concat(pipeline.Problems()).ToList();
        var steps = pipeline.Steps(setId, 42);
        if (steps.Count == 0) problems.Add("Choose at least one step (embeddings, teacher, AligNet data, student, evaluation).");
        if (problems.Count > 0) throw new RunRefusedException(string.Join(" ", problems));
        // The same checks a launch makes, now, so a schedule bound to fail is refused when it is made.
        for (var i = 0; i < steps.Count; i++) await RunPreconditions.CheckAsync(db, steps[i], [.. steps.Take(i).Select(s => s.Kind)], ct);

        schedule.ResponsesAtLastFire = await ValidResponses.CountAsync(db, setId, ct);
        db.RunSchedules.Add(schedule);
        AuditTrail.Add(db, actor, AuditActions.ScheduleCreate, $"schedule/{schedule.Id}", new { name, cron, timeZone, everyNewResponses, minIntervalMinutes, pipeline });
        await db.SaveChangesAsync(ct);
        return schedule;
    }

    public Task SetPausedAsync(Guid id, bool paused, string actor, CancellationToken ct = default) =>
        ChangeAsync(id, actor, paused ? AuditActions.SchedulePause : AuditActions.ScheduleResume, (db, s) =>
        {
            s.Paused = paused;
            // Resuming does not fire for the occurrences missed while paused.
            if (!paused) s.LastFiredAt = s.LastFiredAt is { } last && last > clock.GetUtcNow() ? last : clock.GetUtcNow();
        }, ct);

    public Task DeleteAsync(Guid id, string actor, CancellationToken ct = default) =>
        ChangeAsync(id, actor, AuditActions.ScheduleDelete, (db, s) => db.RunSchedules.Remove(s), ct);

    private async Task ChangeAsync(Guid id, string actor, string action, Action<AligNetDbContext, RunSchedule> change, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var schedule = await db.RunSchedules.FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw new RunRefusedException("That schedule no longer exists; reload the page.");
        change(db, schedule);
        AuditTrail.Add(db, actor, action, $"schedule/{id}");
        await db.SaveChangesAsync(ct);
    }
}
