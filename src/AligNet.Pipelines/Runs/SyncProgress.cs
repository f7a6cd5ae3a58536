namespace AligNet.Pipelines.Runs;

/// <summary>
/// An <see cref="IProgress{T}"/> that reports on the caller's thread: <see cref="Progress{T}"/> posts to the thread
/// pool, where a cancel thrown from the callback could not stop the caller.
/// </summary>
public sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
