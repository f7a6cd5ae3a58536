namespace AligNet.Web.Hosting;

/// <summary>
/// A piece of upkeep the web host runs every <see cref="Interval"/>: a failed round (the database away for a moment)
/// is logged and tried again at the next tick, never ending the host. Each round must leave nothing half-written.
/// </summary>
public abstract class PeriodicWork(ILogger log) : BackgroundService
{
    /// <summary>Time between rounds.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>What a round does, for the log ("Folding the dashboard aggregates").</summary>
    protected abstract string What { get; }

    /// <summary>Whether the first round runs at start-up rather than after the first interval.</summary>
    protected virtual bool RunsAtStart => true;

    /// <summary>One round.</summary>
    protected abstract Task RunOnceAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        if (RunsAtStart) await TryRunOnceAsync(stoppingToken);
        while (await timer.WaitForNextTickAsync(stoppingToken))
            await TryRunOnceAsync(stoppingToken);
    }

    protected async Task TryRunOnceAsync(CancellationToken ct)
    {
        try
        {
            await RunOnceAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "{What} failed; retrying in {Every}.", What, Interval);
        }
    }
}
