using AligNet.Domain.Runs;
using Hangfire;

namespace AligNet.Jobs;

/// <summary>Trains a teacher on a stimulus set's human judgments and base embeddings, on a GPU worker (CPU fallback).</summary>
/// <remarks>
/// The version takes the run's id, so a retry or a re-delivery registers at most one version. Training has no
/// checkpoint: a second attempt trains again from the start, hence one retry only.
/// </remarks>
[Queue(JobQueues.Gpu)]
[AutomaticRetry(Attempts = 1, ExceptOn = [typeof(RunInputException)], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
public interface ITeacherTrainingJob : IRunJob;
