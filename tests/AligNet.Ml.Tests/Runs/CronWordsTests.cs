using AligNet.Data.Runs;

namespace AligNet.Ml.Tests.Runs;

/// <summary>Cron expressions of every shape the schedule editor accepts, in words worked out by hand.</summary>
public class CronWordsTests
{
    [Theory]
    [InlineData("0 3 * * *", "at 03:00 every day")]
    [InlineData("30 3 * * 1,3", "at 03:30 on Monday, Wednesday")]
    [InlineData("*/15 9-17 * * 1-5", "every 15 minutes during hours 09 to 17, on Monday to Friday")]
    [InlineData("0 8 ? * MON-FRI", "at 08:00, on Monday to Friday")]
    [InlineData("0 0 L * *", "at 00:00, on the last day of the month")]
    [InlineData("0 0 L-3 * *", "at 00:00, 3 days before the last day of the month")]
    [InlineData("0 9 LW * *", "at 09:00, on the last weekday of the month")]
    [InlineData("0 9 15W * *", "at 09:00, on the weekday nearest day 15 of the month")]
    [InlineData("30 6 * * 5#3", "at 06:30, on the third Friday of the month")]
    [InlineData("0 22 * * 5L", "at 22:00, on the last Friday of the month")]
    [InlineData("0 12 1 JAN,JUL *", "at 12:00, on day 1 of the month, in January and July")]
    [InlineData("0 0,12 */2 * *", "at 00:00 and 12:00, on every second day of the month")]
    [InlineData("0-30/10 * * * *", "every 10th minute from 0 to 30")]
    [InlineData("0 */2 * * *", "at minute 0, every second hour")]
    [InlineData("15,45 * * */3 *", "at minutes 15 and 45 of every hour, in every third month")]
    [InlineData("5 4 1,15 * 5", "at 04:05, on days 1 and 15 of the month, if also on Friday")]
    public void Any_valid_expression_reads_in_words(string cron, string words) => Assert.Equal(words, CronWords.Describe(cron));

    [Fact]
    public void With_both_day_fields_restricted_it_runs_only_when_both_hold_as_the_words_say()
    {
        // Unlike Vixie cron (either day field), Cronos requires both: the 1st or 15th that is a Friday. From Tuesday
        // 2026-12-01 those are (worked out with a calendar) 2027-01-01, 01-15, 10-01 and 10-15.
        var next = ScheduleRules.NextOccurrences("5 4 1,15 * 5", "UTC", new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), 4);
        Assert.Equal(["2027-01-01", "2027-01-15", "2027-10-01", "2027-10-15"], next.Select(t => t.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void An_invalid_expression_is_quoted_not_described() =>
        Assert.Equal("on the cron schedule '0 3 * *'", CronWords.Describe("0 3 * *"));
}
