using Hangfire;

namespace AligNet.Jobs;

/// <summary>Computes base-model (ResNet18) embeddings for every image of a stimulus set, on a GPU worker.</summary>
[Queue(JobQueues.Gpu)]
public interface IStimulusEmbeddingJob
{
    /// <returns>A one-line summary: how many stimuli, which model version, which device, how long.</returns>
    Task<string> ComputeResNet18Async(Guid stimulusSetId);
}
