namespace AligNet.Data.Runs;

/// <summary>
/// A five-field cron expression (as <see cref="ScheduleRules.Parse"/> accepts it: lists, ranges, steps, month and day
/// names, and Cronos's L, W and # in the day fields) in words. The common shapes read as before ("at 03:00 every
/// day"); any other valid expression is described field by field ("every 15 minutes during hours 09 to 17, on Monday
/// to Friday"). Hand-written because CronExpressionDescriptor, the usual library, is not served by this project's
/// package feed. An invalid expression is returned quoted (the caller shows why it is invalid).
/// </summary>
public static class CronWords
{
    private static readonly string[] Days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
    private static readonly string[] Months = ["", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    private static readonly string[] Ordinals = ["", "first", "second", "third", "fourth", "fifth"];

    public static string Describe(string cron)
    {
        var f = cron.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (f.Length != 5 || ScheduleRules.Parse(cron) is null) return $"on the cron schedule '{cron.Trim()}'";
        try
        {
            return Common(f) ?? General(f);
        }
        catch (Exception ex) when (ex is IndexOutOfRangeException or FormatException or ArgumentException)
        {
            return $"on the cron schedule '{cron.Trim()}'"; // a shape Cronos accepts that this does not know
        }
    }

    /// <summary>Fixed minute, fixed hour or every hour, every day or chosen weekdays or days of the month.</summary>
    private static string? Common(string[] f)
    {
        if (f[3] != "*") return null;
        var (minute, hour, dayOfMonth, dayOfWeek) = (f[0], f[1], f[2], f[4]);
        if (!int.TryParse(minute, out var m)) return null;
        string when;
        if (hour == "*") when = $"at minute {m} of every hour";
        else if (int.TryParse(hour, out var h)) when = $"at {h:00}:{m:00}";
        else return null;

        if (dayOfMonth == "*" && dayOfWeek == "*") return hour == "*" ? when : when + " every day";
        if (dayOfMonth == "*" && dayOfWeek.Split(',').All(d => int.TryParse(d, out var x) && x is >= 0 and <= 7))
            return $"{when} on {string.Join(", ", dayOfWeek.Split(',').Select(d => Days[int.Parse(d) % 7]))}";
        if (dayOfWeek == "*" && dayOfMonth.Split(',').All(d => int.TryParse(d, out var x) && x is >= 1 and <= 31))
            return $"{when} on day {dayOfMonth.Replace(",", ", ")} of the month";
        return null;
    }

    private static string General(string[] f)
    {
        var parts = new List<string> { Time(f[0], f[1]) };
        var (days, weekdays) = (DayOfMonth(f[2]), DayOfWeek(f[4]));
        // Both day fields restricted: Cronos, unlike Vixie cron, requires both (CronWordsTests checks this against it).
        if (days is not null && weekdays is not null) parts.Add($"{days}, if also {weekdays}");
        else if ((days ?? weekdays) is { } day) parts.Add(day);
        if (!IsEvery(f[3])) parts.Add("in " + Field(f[3], v => Months[Value(v, MonthNames)], "month"));
        return string.Join(", ", parts);
    }

    private static string Time(string minute, string hour)
    {
        if (IsNumberList(minute, out var minutes) && IsNumberList(hour, out var hours) && minutes.Length * hours.Length <= 6)
        {
            return "at " + And([.. hours.SelectMany(h => minutes.Select(m => $"{h:00}:{m:00}"))]);
        }
        var every = IsEvery(minute) ? "every minute"
            : minute.StartsWith("*/", StringComparison.Ordinal) ? $"every {minute[2..]} minutes"
            : IsNumberList(minute, out var list) ? $"at minute{(list.Length > 1 ? "s" : "")} {And([.. list.Select(m => m.ToString())])}"
            : Field(minute, v => v, "minute") is var m2 && m2.StartsWith("every", StringComparison.Ordinal) ? m2 : "at minutes " + m2;
        if (IsEvery(hour)) return every + (every.StartsWith("at", StringComparison.Ordinal) ? " of every hour" : "");
        if (hour.Contains('/')) return $"{every}, {Field(hour, v => $"{int.Parse(v):00}", "hour")}";
        return $"{every} during hour{(IsNumberList(hour, out var single) && single.Length == 1 ? "" : "s")} {Field(hour, v => $"{int.Parse(v):00}", "hour")}";
    }

    private static string? DayOfMonth(string field)
    {
        if (IsEvery(field)) return null;
        var u = field.ToUpperInvariant();
        if (u == "L") return "on the last day of the month";
        if (u == "LW") return "on the last weekday of the month";
        if (u.StartsWith("L-", StringComparison.Ordinal)) return $"{u[2..]} day{(u[2..] == "1" ? "" : "s")} before the last day of the month";
        if (u.EndsWith('W')) return $"on the weekday nearest day {u[..^1]} of the month";
        var days = Field(field, v => v, "day");
        return days.StartsWith("every", StringComparison.Ordinal) ? $"on {days} of the month"
            : $"on day{(field.Contains(',') || field.Contains('-') ? "s" : "")} {days} of the month";
    }

    private static string? DayOfWeek(string field)
    {
        if (IsEvery(field)) return null;
        var u = field.ToUpperInvariant();
        if (u.Contains('#'))
        {
            var (day, nth) = (u[..u.IndexOf('#')], int.Parse(u[(u.IndexOf('#') + 1)..]));
            return $"on the {Ordinals[nth]} {Days[Value(day, DayNames) % 7]} of the month";
        }
        if (u.EndsWith('L') && u.Length > 1) return $"on the last {Days[Value(u[..^1], DayNames) % 7]} of the month";
        return "on " + Field(field, v => Days[Value(v, DayNames) % 7], "day");
    }

    /// <summary>A list of values, ranges and steps, each value named by <paramref name="name"/>, steps counted in <paramref name="unit"/>.</summary>
    private static string Field(string field, Func<string, string> name, string unit) => And([.. field.Split(',').Select(item =>
    {
        var (range, step) = item.Contains('/') ? (item[..item.IndexOf('/')], item[(item.IndexOf('/') + 1)..]) : (item, null);
        var span = range is "*" or "?" ? null
            : range.Contains('-') ? $"{name(range[..range.IndexOf('-')])} to {name(range[(range.IndexOf('-') + 1)..])}"
            : name(range);
        if (step is null) return span!;
        var every = int.Parse(step) == 1 ? $"every {unit}" : $"every {Nth(int.Parse(step))} {unit}";
        return span is null ? every : range.Contains('-') ? $"{every} from {span}" : $"{every} from {span} on";
    })]);

    private static string Nth(int n) => n switch
    {
        2 => "second",
        3 => "third",
        _ => n % 10 == 1 && n % 100 != 11 ? $"{n}st" : n % 10 == 2 && n % 100 != 12 ? $"{n}nd" : n % 10 == 3 && n % 100 != 13 ? $"{n}rd" : $"{n}th",
    };

    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
    private static readonly string[] MonthNames = ["", "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

    private static int Value(string v, string[] names) =>
        int.TryParse(v, out var n) ? n : Array.IndexOf(names, v.ToUpperInvariant());

    private static bool IsEvery(string field) => field is "*" or "?";

    private static bool IsNumberList(string field, out int[] values)
    {
        var items = field.Split(',');
        values = items.All(i => int.TryParse(i, out _)) ? [.. items.Select(int.Parse)] : [];
        return values.Length > 0;
    }

    private static string And(IReadOnlyList<string> items) =>
        items.Count <= 1 ? string.Concat(items) : string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1];
}
