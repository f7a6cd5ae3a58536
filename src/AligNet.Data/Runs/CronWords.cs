namespace AligNet.Data.Runs;

/// <summary>
/// A cron expression in words for the common shapes (fixed minute and hour, every hour, chosen weekdays or days of
/// the month); anything else is shown as the expression with its next run times. (CronExpressionDescriptor, which
/// covers every shape, is not served by this project's package feed.)
/// </summary>
public static class CronWords
{
    private static readonly string[] Days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

    public static string Describe(string cron)
    {
        var f = cron.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (f.Length != 5 || f[3] != "*") return $"on the cron schedule '{cron.Trim()}'";
        var (minute, hour, dayOfMonth, dayOfWeek) = (f[0], f[1], f[2], f[4]);
        if (!int.TryParse(minute, out var m)) return $"on the cron schedule '{cron.Trim()}'";
        string when;
        if (hour == "*") when = $"at minute {m} of every hour";
        else if (int.TryParse(hour, out var h)) when = $"at {h:00}:{m:00}";
        else return $"on the cron schedule '{cron.Trim()}'";

        if (dayOfMonth == "*" && dayOfWeek == "*") return hour == "*" ? when : when + " every day";
        if (dayOfMonth == "*" && dayOfWeek.Split(',').All(d => int.TryParse(d, out var x) && x is >= 0 and <= 7))
            return $"{when} on {string.Join(", ", dayOfWeek.Split(',').Select(d => Days[int.Parse(d) % 7]))}";
        if (dayOfWeek == "*" && dayOfMonth.Split(',').All(d => int.TryParse(d, out var x) && x is >= 1 and <= 31))
            return $"{when} on day {dayOfMonth.Replace(",", ", ")} of the month";
        return $"on the cron schedule '{cron.Trim()}'";
    }
}
