using AligNet.Data;
using AligNet.Data.Participation;
using AligNet.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AligNet.Integration.Tests.Participants.Planning;

/// <summary>
/// The participant services of one web instance, as the web app registers them (own connection pool, own caches),
/// on a shared test database: two of these are two web instances serving one study.
/// </summary>
internal sealed class PlanningInstance : IAsyncDisposable
{
    private readonly ServiceProvider services;

    /// <param name="queueMonitor">Told when an adaptive study's queue runs low (the web app asks for a refill there).</param>
    public PlanningInstance(TestDatabase database, IAdaptiveQueueMonitor? queueMonitor = null, int? lowWater = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"ConnectionStrings:{DatabaseOptions.ConnectionStringName}"] = database.ConnectionString,
                [TrialPlanner.LowWaterSetting] = lowWater?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            })
            .Build();
        var collection = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        if (queueMonitor is not null) collection.AddSingleton(queueMonitor);
        services = collection.AddAligNetData(configuration).AddAligNetParticipation().BuildServiceProvider();
    }

    public SessionStarter Starter => services.GetRequiredService<SessionStarter>();
    public SessionReader Reader => services.GetRequiredService<SessionReader>();
    public SessionCompleter Completer => services.GetRequiredService<SessionCompleter>();

    /// <summary>A new direct-link session, consented, ready for trials.</summary>
    public async Task<(Guid Id, string Token, int Total)> StartConsentedAsync(Guid studyId, CancellationToken ct)
    {
        var started = await Starter.StartAsync(studyId, null, null, "test", ct);
        await Reader.ConsentAsync(started.Session.Id, started.Token, true, ct);
        return (started.Session.Id, started.Token!, started.TotalTrials);
    }

    /// <summary>Every trial of a session, fetched in batches of the given sizes (repeated), as a browser would.</summary>
    public async Task<List<SessionReader.TrialRow>> FetchAllAsync((Guid Id, string Token, int Total) session, int[] batchSizes, CancellationToken ct)
    {
        var all = new List<SessionReader.TrialRow>();
        for (var b = 0; all.Count < session.Total; b++)
        {
            var page = await Reader.TrialsAsync(session.Id, session.Token, all.Count, batchSizes[b % batchSizes.Length], ct);
            Assert.NotEmpty(page.Trials);
            all.AddRange(page.Trials);
        }
        return all;
    }

    public ValueTask DisposeAsync() => services.DisposeAsync();
}
