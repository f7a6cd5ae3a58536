namespace AligNet.Domain.Generation;

/// <summary>
/// A version of AligNet data (METHOD.md §3): millions of triplets drawn from a stimulus pool and labelled by one
/// teacher version, stored as Parquet shards under the artifact root. The row is written when generation starts
/// (<see cref="AligNetDatasetStatus.Running"/>) and completed with the counts of the finished data set; a failed run
/// keeps its complete shards, and running the job again resumes it.
/// </summary>
public class AligNetDataset
{
    public Guid Id { get; set; }

    /// <summary>The stimulus sets whose items form the pool, in pool order.</summary>
    public Guid[] StimulusSetIds { get; set; } = [];

    /// <summary>The teacher <c>ModelVersion</c> that labelled the triplets.</summary>
    public Guid TeacherVersionId { get; set; }

    public long Seed { get; set; }

    /// <summary>JSON: the sampling variants and their shares, e.g. {"random": 0.25, …}.</summary>
    public required string Mixture { get; set; }

    /// <summary>JSON: requested counts, k, shard size, k-means settings and the k-means outcome.</summary>
    public required string Parameters { get; set; }

    /// <summary>JSON: triplets per variant, training and validation.</summary>
    public string CountsPerVariant { get; set; } = "{}";

    /// <summary>JSON: the label-entropy histogram of the training triplets (bin width and counts, in nats).</summary>
    public string EntropyHistogram { get; set; } = "{}";

    public long PoolSize { get; set; }
    public long TrainingTriplets { get; set; }
    public long ValidationTriplets { get; set; }

    /// <summary>Folder of the shards and manifest.json, relative to the artifact store root.</summary>
    public required string ShardDirectory { get; set; }

    public AligNetDatasetStatus Status { get; set; }

    /// <summary>Why the last run failed (the message shown to the researcher); null otherwise.</summary>
    public string? Error { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
}

public enum AligNetDatasetStatus
{
    Running,
    Complete,
    Failed,
}
