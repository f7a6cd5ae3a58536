using AligNet.Jobs;
using AligNet.Ml;
using Microsoft.Extensions.Logging;
using TorchSharp;

namespace AligNet.Pipelines.Diagnostics;

/// <summary>Reports the device this worker trains on, after a small matrix product there proves it works.</summary>
public sealed class DeviceProbeJob(ILogger<DeviceProbeJob> logger) : IDeviceProbeJob
{
    public Task<string> ProbeAsync()
    {
        var device = ComputeDevice.Select();
        using var scope = torch.NewDisposeScope();
        var a = torch.ones(256, 256, device: device);
        var sum = torch.mm(a, a).sum().item<float>();
        var description = $"{ComputeDevice.Describe(device)}; 256x256 matmul check {(sum == 256f * 256 * 256 ? "ok" : $"wrong ({sum})")}";
        logger.LogInformation("Device probe: {Device}", description);
        return Task.FromResult(description);
    }
}
