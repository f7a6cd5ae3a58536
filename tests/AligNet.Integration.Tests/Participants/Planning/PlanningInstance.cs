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

    public PlanningInstance(TestDatabase database)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"ConnectionStrings:{DatabaseOptions.ConnectionStringName}"] = database.ConnectionString })
            .Build();
        services = new ServiceCollection().AddAligNetData(configuration).AddAligNetParticipation().BuildServiceProvider();
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
