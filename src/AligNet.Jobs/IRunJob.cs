namespace AligNet.Jobs;

/// <summary>
/// The one method of every run contract: the job carries the run's id only; parameters, state and results live on the
/// run's row. Safe to run twice: a finished run does nothing, a running one (its worker died) resumes. Each contract
/// (an empty interface deriving from this one) declares its queue and retry policy with Hangfire attributes, which
/// Hangfire reads from the type it enqueued; <see cref="RunDispatcher"/> maps a run kind to its contract.
/// </summary>
public interface IRunJob
{
    /// <returns>A one-line summary of what the run produced (Hangfire shows it).</returns>
    Task<string> RunAsync(Guid runId);
}
