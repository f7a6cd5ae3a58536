using Hangfire;

namespace AligNet.Jobs;

/// <summary>Trains a teacher on a stimulus set's human judgments and base embeddings, on a GPU worker (CPU fallback).</summary>
[Queue(JobQueues.Gpu)]
public interface ITeacherTrainingJob
{
    /// <returns>A one-line summary naming the new model version.</returns>
    Task<string> TrainAsync(Guid stimulusSetId, string baseModel, string baseModelVersion, int seed, bool autoPromote, string requestedBy);
}
