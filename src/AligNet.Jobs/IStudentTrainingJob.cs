using Hangfire;

namespace AligNet.Jobs;

/// <summary>
/// Trains an embedding-level student on a complete AligNet data set and records it as a model version of kind
/// Student. A retried job resumes from the student's last checkpoint (its folder is derived from <paramref name="studentId"/>).
/// </summary>
[Queue(JobQueues.Gpu)]
public interface IStudentTrainingJob
{
    /// <param name="head">linear or mlp.</param>
    /// <param name="objective">jsd or kl.</param>
    /// <returns>A one-line summary naming the model version.</returns>
    Task<string> TrainAsync(Guid studentId, Guid datasetId, string head, string objective, double temperature, double decay,
        int steps, int batch, double learningRate, int seed, string requestedBy);
}
