using Hangfire;

namespace AligNet.Jobs;

/// <summary>
/// Asks a worker on the <see cref="JobQueues.Gpu"/> queue which compute device it would train on. Admins run it
/// from the System page to check that a GPU worker is alive and sees its accelerator.
/// </summary>
[Queue(JobQueues.Gpu)]
public interface IDeviceProbeJob
{
    /// <returns>A one-line description of the device, e.g. "cuda:0 (NVIDIA H200), libtorch 2.10.0".</returns>
    Task<string> ProbeAsync();
}
