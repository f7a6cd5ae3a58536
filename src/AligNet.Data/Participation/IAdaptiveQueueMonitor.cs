namespace AligNet.Data.Participation;

/// <summary>
/// Told by the trial planner, after its batch committed, that an adaptive study's queue ran below its low-water mark
/// (ADR-021). The web tier's implementation asks for a refill run (debounced); the planner never waits for it.
/// </summary>
public interface IAdaptiveQueueMonitor
{
    void QueueLow(Guid studyId);
}

/// <summary>For hosts that start no runs (tests, the CLI): a low queue is only noticed.</summary>
public sealed class IgnoreLowQueues : IAdaptiveQueueMonitor
{
    public void QueueLow(Guid studyId) { }
}
