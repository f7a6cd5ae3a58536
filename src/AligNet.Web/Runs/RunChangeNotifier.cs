using System.Collections.Concurrent;

namespace AligNet.Web.Runs;

/// <summary>
/// Fans out run changes inside the web process: <see cref="RunChangeListener"/> publishes each run id PostgreSQL
/// announces; components subscribe (to one run or to all) and dispose their subscription when they go away.
/// </summary>
public sealed class RunChangeNotifier(ILogger<RunChangeNotifier> logger)
{
    private readonly ConcurrentDictionary<Subscription, byte> subscriptions = new();

    /// <param name="runId">The run to follow; null = every run.</param>
    /// <param name="onChanged">Called with the changed run's id, off the component's thread: use InvokeAsync.</param>
    public IDisposable Subscribe(Guid? runId, Func<Guid, Task> onChanged)
    {
        var subscription = new Subscription(this, runId, onChanged);
        subscriptions.TryAdd(subscription, 0);
        return subscription;
    }

    public int Subscribers => subscriptions.Count;

    public void Publish(Guid runId)
    {
        foreach (var s in subscriptions.Keys)
        {
            if (s.RunId is { } wanted && wanted != runId) continue;
            _ = InvokeAsync(s, runId);
        }
    }

    private async Task InvokeAsync(Subscription s, Guid runId)
    {
        try
        {
            await s.OnChanged(runId);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "A run subscriber failed on run {RunId}", runId);
        }
    }

    private sealed class Subscription(RunChangeNotifier owner, Guid? runId, Func<Guid, Task> onChanged) : IDisposable
    {
        public Guid? RunId { get; } = runId;
        public Func<Guid, Task> OnChanged { get; } = onChanged;
        public void Dispose() => owner.subscriptions.TryRemove(this, out _);
    }
}
