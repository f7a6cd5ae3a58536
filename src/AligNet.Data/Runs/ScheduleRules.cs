using AligNet.Domain.Runs;
using Cronos;

namespace AligNet.Data.Runs;

/// <summary>
/// What a schedule may be: a valid cron expression that does not fire more often than its minimum interval, a data
/// trigger that cannot fire continuously, a known time zone. Each problem is one sentence that names the fix.
/// </summary>
public static class ScheduleRules
{
    /// <summary>The smallest gap between two firings: a teacher cannot be retrained usefully more often.</summary>
    public const int MinIntervalMinutes = 10;

    /// <summary>The smallest data trigger: fewer new responses would change a teacher by noise only.</summary>
    public const int MinNewResponses = 50;

    public static IReadOnlyList<string> Validate(RunSchedule s)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(s.Name)) problems.Add("Give the schedule a name.");
        if (string.IsNullOrWhiteSpace(s.Cron) && s.EveryNewResponses is null)
            problems.Add("Give a cron expression, a data trigger (after every N new valid responses), or both.");
        if (s.MinIntervalMinutes < MinIntervalMinutes)
            problems.Add($"The minimum interval is {s.MinIntervalMinutes} min; it must be at least {MinIntervalMinutes} min so the schedule cannot fire continuously.");
        if (s.EveryNewResponses is { } n && n < MinNewResponses)
            problems.Add($"A trigger after every {n} new responses would fire almost continuously; use at least {MinNewResponses}.");
        var zone = Zone(s.TimeZone);
        if (zone is null) problems.Add($"'{s.TimeZone}' is not a time zone; use an IANA name such as UTC or Europe/Berlin.");
        if (!string.IsNullOrWhiteSpace(s.Cron))
        {
            if (Parse(s.Cron) is not { } cron)
            {
                problems.Add($"'{s.Cron}' is not a cron expression. Write five fields — minute hour day-of-month month day-of-week — e.g. '0 3 * * *' for 03:00 every day.");
            }
            else if (zone is not null && ShortestGap(cron, zone) is { } gap && gap < TimeSpan.FromMinutes(s.MinIntervalMinutes))
            {
                problems.Add($"'{s.Cron}' fires every {gap.TotalMinutes:0} min, more often than the minimum interval of {s.MinIntervalMinutes} min: e.g. '0 * * * *' is hourly.");
            }
        }
        return problems;
    }

    public static CronExpression? Parse(string? cron)
    {
        if (string.IsNullOrWhiteSpace(cron)) return null;
        try
        {
            return CronExpression.Parse(cron.Trim(), CronFormat.Standard);
        }
        catch (CronFormatException)
        {
            return null;
        }
    }

    public static TimeZoneInfo? Zone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }

    /// <summary>The next <paramref name="count"/> cron occurrences after <paramref name="from"/>, in the schedule's zone.</summary>
    public static IReadOnlyList<DateTimeOffset> NextOccurrences(string cron, string timeZone, DateTimeOffset from, int count)
    {
        if (Parse(cron) is not { } expression || Zone(timeZone) is not { } zone) return [];
        var result = new List<DateTimeOffset>();
        var at = from;
        while (result.Count < count && expression.GetNextOccurrence(at, zone) is { } next)
        {
            result.Add(TimeZoneInfo.ConvertTime(next, zone));
            at = next;
        }
        return result;
    }

    /// <summary>The smallest gap between consecutive occurrences over the next week (enough for 5-field cron).</summary>
    private static TimeSpan? ShortestGap(CronExpression cron, TimeZoneInfo zone)
    {
        var start = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
        var occurrences = cron.GetOccurrences(start, start.AddDays(8), zone).Take(2_000).ToList();
        return occurrences.Count < 2 ? null : occurrences.Zip(occurrences.Skip(1), (a, b) => b - a).Min();
    }
}
