using Hangfire;

namespace AligNet.Jobs;

/// <summary>
/// Generates AligNet data: teacher-labelled triplets from the stimulus sets' embeddings, as Parquet shards under the
/// artifact root, recorded as an <c>AligNetDataset</c>. The caller chooses <paramref name="datasetId"/>, so that a
/// retried job resumes the same data set after its last complete shard instead of starting another.
/// </summary>
[Queue(JobQueues.Gpu)]
public interface IAligNetDataJob
{
    /// <param name="teacherVersionId">The teacher; null = the active teacher of the first stimulus set.</param>
    /// <param name="mixture">variant=share,… (SamplingMixture); shares sum to 1.</param>
    /// <returns>A one-line summary naming the data set.</returns>
    Task<string> GenerateAsync(Guid datasetId, Guid[] stimulusSetIds, Guid? teacherVersionId, long count, int clusters, string mixture, long seed, string requestedBy);
}
