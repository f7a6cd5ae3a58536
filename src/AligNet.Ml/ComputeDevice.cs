using TorchSharp;

namespace AligNet.Ml;

/// <summary>
/// The single place that decides where tensors live: CUDA when libtorch sees a GPU, else the CPU.
/// Every training and inference path takes its device from here, so there is no separate GPU code path.
/// </summary>
public static class ComputeDevice
{
    public static torch.Device Select(bool allowCuda = true)
    {
        NativeMemoryTuning.Apply();
        return allowCuda && torch.cuda.is_available() ? torch.CUDA : torch.CPU;
    }

    public static string Describe(torch.Device device) =>
        device.type == DeviceType.CUDA
            ? $"cuda:{device.index} ({torch.cuda.device_count()} GPU(s)), {torch.get_num_threads()} CPU threads"
            : $"cpu ({torch.get_num_threads()} threads)";
}
