using AligNet.Data;
using AligNet.Data.Dashboards;
using AligNet.Domain.Participation;
using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Integration.Tests.Dashboards;

/// <summary>
/// <c>alignet dashboards rebuild</c> (the CLI process, real PostgreSQL): responses written behind a fold with an old
/// ReceivedAt (as a restore would) are missing from the page until a rebuild; after it, and after
/// <c>--fold</c>, the figures equal the full recomputation again.
/// </summary>
public class DashboardsCommandTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Fact]
    public async Task Rebuild_brings_back_responses_written_behind_the_watermark()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync();
        await using var source = DataServiceCollectionExtensions.CreateDataSource(database.ConnectionString);
        await using var db = database.CreateContext();
        var seed = await AggregateSeed.CreateAsync(db);
        for (var i = 0; i < 4; i++) await seed.AddSessionAsync(db, QcStatus.Valid, Now.AddHours(-3).AddMinutes(10 * i));
        await new DashboardFold(source).FoldAsync(TestContext.Current.CancellationToken);

        // Restored behind the watermark: the fold never looks there again.
        await seed.AddSessionAsync(db, QcStatus.Valid, Now.AddHours(-5));
        var expected = await CollectionRecomputation.ComputeAsync(db, seed.StudyId);
        Assert.NotEqual(expected.Hours, await new CollectionQuery(db, seed.StudyId).ResponsesOverTimeAsync("hour", TestContext.Current.CancellationToken));

        Assert.Contains("Dashboard aggregates emptied", await CliAsync(database, "dashboards", "rebuild"));
        await AssertSameAsync(db, seed, expected);
        Assert.Matches("Folded in .* s", await CliAsync(database, "dashboards", "rebuild", "--fold"));
        await AssertSameAsync(db, seed, expected);
        Assert.Equal(0, await db.Database.SqlQuery<int>($"""
            SELECT count(*)::int AS "Value" FROM alignet.responses WHERE "ReceivedAt" >= (SELECT "FoldedBefore" FROM alignet.dashboard_watermark)
            """).SingleAsync(TestContext.Current.CancellationToken)); // --fold left no tail: the aggregates alone are exact
    }

    private static async Task AssertSameAsync(AligNetDbContext db, AggregateSeed seed, CollectionRecomputation.Figures expected)
    {
        var query = new CollectionQuery(db, seed.StudyId);
        Assert.Equal(expected.Hours, await query.ResponsesOverTimeAsync("hour"));
        Assert.Equal(expected.RtByLevel, await query.RtByLevelAsync());
        Assert.Equal(expected.ArmHours, await query.AnsweredPerArmAsync("hour"));
    }

    private static async Task<string> CliAsync(TestDatabase database, params string[] args)
    {
        await using var cli = HostProcess.Start("AligNet.Cli", "alignet.dll", new Dictionary<string, string?>
        {
            ["ConnectionStrings__AligNet"] = database.ConnectionString,
        }, args);
        var exit = await cli.WaitForExitAsync(TimeSpan.FromMinutes(1));
        Assert.True(exit == 0, cli.Output);
        return cli.Output;
    }
}
