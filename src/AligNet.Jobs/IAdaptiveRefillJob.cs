using AligNet.Domain.Runs;
using Hangfire;

namespace AligNet.Jobs;

/// <summary>
/// Refills an adaptive study's queue from its set's newest teacher (ADR-021). On the default queue: scoring
/// 20,000 triplets is a few matrix products on the CPU (well under a second), and waiting behind GPU training runs
/// would leave participants on the fallback arm for as long as a teacher trains.
/// </summary>
[Queue(JobQueues.Default)]
[AutomaticRetry(Attempts = 1, ExceptOn = [typeof(RunInputException)], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
public interface IAdaptiveRefillJob : IRunJob;
