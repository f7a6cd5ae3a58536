using AligNet.Web.Diagnostics;

namespace AligNet.Integration.Tests;

/// <summary>Pure logic of the server-side latency recorder (no I/O): bucket edges, percentiles, concurrency.</summary>
public class LatencyHistogramTests
{
    [Fact]
    public void Percentiles_of_a_uniform_spread_are_within_the_bucket_resolution_and_never_read_low()
    {
        var histogram = new LatencyHistogram();
        for (var ms = 1; ms <= 1000; ms++) histogram.Record(TimeSpan.FromMilliseconds(ms));

        var summary = histogram.Summarise();

        Assert.Equal(1000, summary.Count);
        Assert.Equal(500.5, summary.MeanMs, 3);
        Assert.InRange(summary.P50Ms, 500, 500 * 1.07);
        Assert.InRange(summary.P95Ms, 950, 1000);
        Assert.InRange(summary.P99Ms, 990, 1000);
        Assert.Equal(1000, summary.MaxMs);
    }

    [Fact]
    public void A_slow_tail_shows_in_p99_but_not_in_p50()
    {
        var histogram = new LatencyHistogram();
        for (var i = 0; i < 980; i++) histogram.Record(TimeSpan.FromMilliseconds(2));
        for (var i = 0; i < 20; i++) histogram.Record(TimeSpan.FromMilliseconds(400));

        var summary = histogram.Summarise();

        Assert.InRange(summary.P50Ms, 2, 2.2);
        Assert.InRange(summary.P99Ms, 400, 430);
    }

    [Fact]
    public void Every_microsecond_value_falls_in_a_bucket_whose_upper_edge_is_at_most_one_sixteenth_above_it()
    {
        foreach (var micros in new long[] { 0, 1, 15, 16, 17, 31, 32, 33, 1000, 65_535, 1_000_000, 123_456_789 })
        {
            var edge = LatencyHistogram.UpperEdge(LatencyHistogram.IndexOf(micros));
            Assert.True(edge > micros, $"{micros} µs lies below its bucket's upper edge {edge}");
            Assert.True(edge <= Math.Max(micros + 1, micros * (1 + 1.0 / 16) + 1), $"{micros} µs: edge {edge} is too coarse");
        }
    }

    [Fact]
    public async Task Concurrent_recording_loses_nothing()
    {
        var histogram = new LatencyHistogram();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 50_000; i++) histogram.Record(TimeSpan.FromTicks(10 * (i % 5000 + 1)));
        }, TestContext.Current.CancellationToken)));

        Assert.Equal(200_000, histogram.Summarise().Count);
        Assert.Equal(5, histogram.Summarise().MaxMs); // 5000 × 10 ticks = 50,000 ticks
    }
}
