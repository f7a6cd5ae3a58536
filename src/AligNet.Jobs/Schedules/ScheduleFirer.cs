using System.Security.Cryptography;
using System.Text;
using AligNet.Data;
using AligNet.Data.Audit;
using AligNet.Data.Runs;
using AligNet.Domain.Audit;
using AligNet.Domain.Runs;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Jobs.Schedules;

/// <summary>
/// Fires the schedules that are due at <see cref="TimeProvider.GetUtcNow"/>: a cron occurrence has passed since the
/// last firing, or enough new valid responses have arrived — and in both cases the minimum interval has passed. The
/// run id comes from the schedule and the occasion, so workers that check at the same moment launch one run.
/// </summary>
public sealed class ScheduleFirer(IDbContextFactory<AligNetDbContext> contexts, RunLauncher launcher, TimeProvider clock)
{
    /// <returns>The runs launched.</returns>
    public async Task<IReadOnlyList<Guid>> FireDueAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var launched = new List<Guid>();
        foreach (var schedule in await db.RunSchedules.Where(s => !s.Paused).ToListAsync(ct))
        {
            var responses = await ValidResponses.CountAsync(db, schedule.StimulusSetId, ct);
            if (Occasion(schedule, now, responses) is not { } occasion) continue;
            if (await FireAsync(db, schedule, occasion, now, responses, AuditTrail.SystemActor, ct) is { } runId) launched.Add(runId);
        }
        return launched;
    }

    /// <summary>"Run now" from the admin page: fires whatever the clock says, under the admin's name.</summary>
    /// <exception cref="RunRefusedException">The launch was refused (the reason is also kept on the schedule).</exception>
    public async Task<Guid> FireNowAsync(Guid scheduleId, string actor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var schedule = await db.RunSchedules.FirstOrDefaultAsync(s => s.Id == scheduleId, ct) ?? throw new RunRefusedException("That schedule no longer exists; reload the page.");
        var now = clock.GetUtcNow();
        return await FireAsync(db, schedule, $"now:{now:O}", now, await ValidResponses.CountAsync(db, schedule.StimulusSetId, ct), actor, ct)
            ?? throw new RunRefusedException(schedule.LastError!);
    }

    /// <summary>Why the schedule is due now (a cron occurrence or a response count), or null.</summary>
    public static string? Occasion(RunSchedule s, DateTimeOffset now, long responses)
    {
        if (s.LastFiredAt is { } last && now - last < TimeSpan.FromMinutes(s.MinIntervalMinutes)) return null;
        if (s.Cron is not null && ScheduleRules.Parse(s.Cron) is { } cron && ScheduleRules.Zone(s.TimeZone) is { } zone
            && cron.GetNextOccurrence(s.LastFiredAt ?? s.CreatedAt, zone) is { } due && due <= now)
        {
            return $"cron:{due:O}";
        }
        if (s.EveryNewResponses is { } n && responses - s.ResponsesAtLastFire >= n) return $"responses:{s.ResponsesAtLastFire + n}";
        return null;
    }

    /// <returns>The launched run, or null when the launch was refused (the reason goes to <see cref="RunSchedule.LastError"/>).</returns>
    private async Task<Guid?> FireAsync(AligNetDbContext db, RunSchedule schedule, string occasion, DateTimeOffset now, long responses, string actor, CancellationToken ct)
    {
        Guid? runId = RunIdFor(schedule.Id, occasion);
        var pipeline = ScheduledPipeline.Read(schedule.Pipeline);
        try
        {
            await launcher.LaunchPipelineAsync(runId.Value, schedule.StimulusSetId, pipeline.Steps(schedule.StimulusSetId, seed: 42), actor, ct);
            schedule.LastRunId = runId;
            schedule.LastError = null;
        }
        catch (RunRefusedException ex)
        {
            schedule.LastError = ex.Message;
            runId = null;
        }
        schedule.LastFiredAt = now;
        schedule.ResponsesAtLastFire = responses;
        await db.SaveChangesAsync(ct);
        return runId;
    }

    /// <summary>A stable id per schedule and occasion (name-based, RFC 4122 version 5 layout).</summary>
    public static Guid RunIdFor(Guid scheduleId, string occasion)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{scheduleId:N}|{occasion}"));
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
