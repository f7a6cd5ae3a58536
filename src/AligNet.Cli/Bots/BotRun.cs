using System.Diagnostics;
using AligNet.Domain.Simulation;

namespace AligNet.Cli.Bots;

/// <summary>
/// Starts the bots spread over the ramp, stops them when the duration is over (a bot thinking stops at once;
/// an answer already sent is waited for), and times the run.
/// </summary>
public static class BotRun
{
    public sealed record Outcome(ClientStats Stats, double Seconds);

    public static async Task<Outcome> RunAsync(BotSettings settings, StimulusCategories categories, CancellationToken ct)
    {
        var stats = new ClientStats();
        using var http = BotHttp.Create(settings.Url, settings.Participants, stats);
        var oracle = new CategoryOracle(settings.Noise);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (settings.DurationSeconds is { } duration) stop.CancelAfter(TimeSpan.FromSeconds(duration));

        var clock = Stopwatch.StartNew();
        var bots = Enumerable.Range(0, settings.Participants).Select(async i =>
        {
            var delay = settings.Participants > 1 ? settings.RampSeconds * i / settings.Participants : 0;
            if (delay > 0)
            {
                try { await Task.Delay(TimeSpan.FromSeconds(delay), stop.Token); }
                catch (OperationCanceledException) { return; }
            }
            await new Bot(i, settings, http, categories, oracle, stats).RunAsync(stop.Token);
        }).ToList();
        var all = Task.WhenAll(bots);
        await all.WaitAsync(ct).ContinueWith(_ => { }, TaskScheduler.Default);
        return new Outcome(stats, clock.Elapsed.TotalSeconds);
    }
}
