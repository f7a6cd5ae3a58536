using AligNet.Domain.Runs;
using Hangfire;

namespace AligNet.Jobs;

/// <summary>
/// Evaluates a model version with the evaluation suite (every figure per abstraction level with bootstrap intervals,
/// the base model beside it) on the held-out test split of its training data, and stores the result with the run's id.
/// </summary>
[Queue(JobQueues.Default)]
[AutomaticRetry(Attempts = 1, ExceptOn = [typeof(RunInputException)], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
public interface IModelEvaluationJob : IRunJob;
