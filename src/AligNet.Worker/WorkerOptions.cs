using AligNet.Jobs;

namespace AligNet.Worker;

/// <summary>Bound from the "Worker" section (e.g. <c>Worker__WorkerCount=2</c>).</summary>
public sealed class WorkerOptions
{
    public const string Section = "Worker";

    /// <summary>Queues this worker serves, highest priority first.</summary>
    public string[] Queues { get; set; } = [JobQueues.Gpu, JobQueues.Default];

    public int WorkerCount { get; set; } = 1;

    /// <summary>
    /// How long the job of a worker that died stays hidden before another worker takes it over and resumes the run
    /// (Hangfire.PostgreSql's invisibility timeout; a live worker keeps renewing its job). Default 30 min; tests that
    /// kill workers set a few seconds.
    /// </summary>
    public int InvisibilityTimeoutSeconds { get; set; } = 1800;
}
