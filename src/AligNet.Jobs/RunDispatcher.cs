using System.Reflection;
using AligNet.Domain.Runs;
using Hangfire;

namespace AligNet.Jobs;

/// <summary>
/// Maps a run kind to its job contract: the one place a new kind is wired to Hangfire (add a case to both switches).
/// </summary>
public static class RunDispatcher
{
    /// <summary>Enqueues the run's job; returns the Hangfire job id.</summary>
    public static string Enqueue(IBackgroundJobClient jobs, RunKind kind, Guid runId) => kind switch
    {
        RunKind.Embeddings => jobs.Enqueue<IStimulusEmbeddingJob>(j => j.RunAsync(runId)),
        RunKind.Teacher => jobs.Enqueue<ITeacherTrainingJob>(j => j.RunAsync(runId)),
        RunKind.AligNetData => jobs.Enqueue<IAligNetDataJob>(j => j.RunAsync(runId)),
        RunKind.Student => jobs.Enqueue<IStudentTrainingJob>(j => j.RunAsync(runId)),
        RunKind.Evaluation => jobs.Enqueue<IModelEvaluationJob>(j => j.RunAsync(runId)),
        RunKind.AdaptiveRefill => jobs.Enqueue<IAdaptiveRefillJob>(j => j.RunAsync(runId)),
        _ => throw new RunRefusedException($"Runs of kind {kind} cannot be started yet: no worker job implements them."),
    };

    public static Type? Contract(RunKind kind) => kind switch
    {
        RunKind.Embeddings => typeof(IStimulusEmbeddingJob),
        RunKind.Teacher => typeof(ITeacherTrainingJob),
        RunKind.AligNetData => typeof(IAligNetDataJob),
        RunKind.Student => typeof(IStudentTrainingJob),
        RunKind.Evaluation => typeof(IModelEvaluationJob),
        RunKind.AdaptiveRefill => typeof(IAdaptiveRefillJob),
        _ => null,
    };

    /// <summary>Retries the contract allows after a first failure (its <see cref="AutomaticRetryAttribute"/>).</summary>
    public static int RetryAttempts(RunKind kind) =>
        Contract(kind)?.GetCustomAttribute<AutomaticRetryAttribute>()?.Attempts ?? 0;
}
