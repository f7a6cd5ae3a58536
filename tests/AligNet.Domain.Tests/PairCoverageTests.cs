using AligNet.Domain.Designs;
using static AligNet.Domain.Tests.TestPools;

namespace AligNet.Domain.Tests;

public class PairCoverageTests
{
    [Fact]
    public void Recording_a_triplet_counts_each_of_its_three_pairs_once_in_either_order()
    {
        var coverage = new PairCoverage();
        coverage.Record(Id(0), Id(1), Id(2));
        coverage.Record(Id(2), Id(1), Id(3));

        Assert.Equal(2, coverage.CountOf(Id(1), Id(2)));
        Assert.Equal(2, coverage.CountOf(Id(2), Id(1)));
        Assert.Equal(1, coverage.CountOf(Id(0), Id(2)));
        Assert.Equal(1, coverage.CountOf(Id(3), Id(1)));
        Assert.Equal(0, coverage.CountOf(Id(0), Id(3)));
        Assert.Equal(5, coverage.Snapshot().Count);
    }

    [Fact]
    public void Can_be_seeded_from_stored_counts()
    {
        var coverage = new PairCoverage([(Id(0), Id(1), 7), (Id(1), Id(0), 3), (Id(4), Id(2), 1)]);

        Assert.Equal(10, coverage.CountOf(Id(1), Id(0)));
        Assert.Equal(1, coverage.CountOf(Id(2), Id(4)));
    }

    [Fact]
    public void Concurrent_recording_loses_no_count()
    {
        var coverage = new PairCoverage();
        Parallel.For(0, 8, _ =>
        {
            for (var i = 0; i < 10_000; i++) coverage.Record(Id(0), Id(1), Id(i % 5 + 2));
        });

        Assert.Equal(80_000, coverage.CountOf(Id(0), Id(1)));
        Assert.Equal(16_000, coverage.CountOf(Id(0), Id(2)));
    }
}
