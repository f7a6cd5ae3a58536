namespace AligNet.Domain.Runs;

/// <summary>
/// An admin's concurrency limit for one Hangfire queue across all workers, set on the Schedules page. It overrides
/// the workers' configuration (<c>Runs__QueueLimits__&lt;queue&gt;</c>), which stays the default for queues without a
/// row; removing the row returns the queue to that default.
/// </summary>
public class QueueLimit
{
    public const int Max = 1000;

    public required string Queue { get; set; }

    /// <summary>At most this many runs of the queue at a time (1 … <see cref="Max"/>).</summary>
    public int Limit { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
}
