using AligNet.Domain.Runs;
using Hangfire;

namespace AligNet.Jobs;

/// <summary>Computes base-model (ResNet18) embeddings for every image of a stimulus set, on a GPU worker.</summary>
/// <remarks>Idempotent (the vectors are replaced), so a failure that may heal (I/O, a lost connection) is retried twice.</remarks>
[Queue(JobQueues.Gpu)]
[AutomaticRetry(Attempts = 2, ExceptOn = [typeof(RunInputException)], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
public interface IStimulusEmbeddingJob : IRunJob;
