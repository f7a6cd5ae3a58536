using AligNet.Data.Startup;
using AligNet.Pipelines.Students;
using Microsoft.Extensions.Configuration;

namespace AligNet.Ml.Tests.Pipelines;

/// <summary>The prefix cache's budget and sweep interval from configuration: defaults, values, and bad values stopping the host with the fix.</summary>
public sealed class PrefixCacheSettingsTests
{
    private static PrefixCacheSettings Read(params (string Key, string Value)[] values) =>
        PrefixCacheSettings.Read(new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build());

    [Fact]
    public void Defaults_are_four_gigabytes_pruned_hourly_and_values_are_read_in_megabytes_and_minutes()
    {
        Assert.Equal(new PrefixCacheSettings(4096L * 1024 * 1024, TimeSpan.FromHours(1)), Read());
        Assert.Equal(new PrefixCacheSettings(10L * 1024 * 1024, null), Read(("Students:PrefixCache:BudgetMegabytes", "10"), ("Students:PrefixCache:SweepMinutes", "0")));
    }

    [Theory]
    [InlineData("BudgetMegabytes", "-1")]
    [InlineData("BudgetMegabytes", "4 GB")]
    [InlineData("SweepMinutes", "soon")]
    public void A_bad_value_stops_the_host_naming_the_setting_and_an_example(string key, string value)
    {
        var ex = Assert.Throws<StartupException>(() => Read(($"Students:PrefixCache:{key}", value)));
        Assert.StartsWith($"Students:PrefixCache:{key} is '{value}'; give a whole number of 0 or more", ex.Message);
        Assert.Contains($"Students__PrefixCache__{key}=", ex.Message);
    }
}
