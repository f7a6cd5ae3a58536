using AligNet.Domain.Runs;
using Hangfire;

namespace AligNet.Jobs;

/// <summary>
/// Generates AligNet data: teacher-labelled triplets from the stimulus sets' embeddings, as Parquet shards under the
/// artifact root, recorded as an <c>AligNetDataset</c> whose id is the run's id, so that a retried job resumes the
/// same data set after its last complete shard instead of starting another.
/// </summary>
[Queue(JobQueues.Gpu)]
[AutomaticRetry(Attempts = 3, ExceptOn = [typeof(RunInputException)], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
public interface IAligNetDataJob : IRunJob;
