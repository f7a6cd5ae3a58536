using Hangfire;

namespace AligNet.Jobs;

/// <summary>
/// Evaluates a model version with the evaluation suite (every figure per abstraction level with bootstrap intervals,
/// the base model beside it) on the held-out test split of its training data, and stores the result.
/// </summary>
[Queue(JobQueues.Default)]
public interface IModelEvaluationJob
{
    /// <returns>A one-line summary naming the stored evaluation.</returns>
    Task<string> EvaluateAsync(Guid modelVersionId, int bootstrap, long seed, string requestedBy);
}
