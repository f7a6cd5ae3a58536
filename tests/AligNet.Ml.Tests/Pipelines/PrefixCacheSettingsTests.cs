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

/// <summary>The worker's periodic pass: prunes at start and again each interval (test clock), to the configured budget.</summary>
public sealed class PrefixCacheSweeperTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("sweeper-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private int AddEntries(int count)
    {
        using var cache = new AligNet.Ml.Students.Images.PrefixCache(PrefixCacheSettings.Folder(root), "test prefix");
        for (var i = 0; i < count; i++) cache.GetOrAdd(i, $"image {Guid.NewGuid()}", TorchSharp.torch.CPU, () => TorchSharp.torch.ones(1, 10));
        return Directory.GetFiles(PrefixCacheSettings.Folder(root)).Length;
    }

    private async Task<int> EntriesOnceSettledAsync(int expected)
    {
        // The pass runs on the service's own thread: wait for it (bounded), then report what is left.
        var folder = PrefixCacheSettings.Folder(root);
        for (var i = 0; i < 200 && Directory.GetFiles(folder).Length != expected; i++) await Task.Delay(50, TestContext.Current.CancellationToken);
        return Directory.GetFiles(folder).Length;
    }

    [Fact]
    public async Task Prunes_when_the_worker_starts_and_every_interval_after()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        Assert.Equal(5, AddEntries(5));
        using var sweeper = new PrefixCacheSweeper(new PrefixCacheSettings(BudgetBytes: 2 * 112, TimeSpan.FromMinutes(60)), new StorageRoots(root, root),
            clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<PrefixCacheSweeper>.Instance);

        await sweeper.StartAsync(TestContext.Current.CancellationToken);
        Assert.Equal(2, await EntriesOnceSettledAsync(2));
        Assert.Equal(6, AddEntries(4));
        clock.Advance(TimeSpan.FromMinutes(59));
        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.Equal(6, Directory.GetFiles(PrefixCacheSettings.Folder(root)).Length); // not yet
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(2, await EntriesOnceSettledAsync(2));
        await sweeper.StopAsync(TestContext.Current.CancellationToken);
    }
}
