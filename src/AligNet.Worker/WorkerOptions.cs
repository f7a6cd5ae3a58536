using AligNet.Jobs;

namespace AligNet.Worker;

/// <summary>Bound from the "Worker" section (e.g. <c>Worker__WorkerCount=2</c>).</summary>
public sealed class WorkerOptions
{
    public const string Section = "Worker";

    /// <summary>Queues this worker serves, highest priority first.</summary>
    public string[] Queues { get; set; } = [JobQueues.Gpu, JobQueues.Default];

    public int WorkerCount { get; set; } = 1;
}
