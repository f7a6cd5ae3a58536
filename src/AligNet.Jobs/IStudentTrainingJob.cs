using AligNet.Domain.Runs;
using Hangfire;

namespace AligNet.Jobs;

/// <summary>
/// Trains an embedding-level student on a complete AligNet data set and records it as a model version of kind Student
/// whose id is the run's id, so a retried job resumes from the student's last checkpoint and registers one version.
/// </summary>
[Queue(JobQueues.Gpu)]
[AutomaticRetry(Attempts = 1, ExceptOn = [typeof(RunInputException)], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
public interface IStudentTrainingJob : IRunJob;
