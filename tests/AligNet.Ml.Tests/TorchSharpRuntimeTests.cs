using AligNet.Ml;
using TorchSharp;
using static TorchSharp.torch;

namespace AligNet.Ml.Tests;

/// <summary>
/// Proves that TorchSharp loads and trains from a fresh clone on this distribution (Debian 12 needs the build's
/// libLibTorchSharp.so fix-up) on the device the platform would choose.
/// </summary>
public class TorchSharpRuntimeTests
{
    [Fact]
    public void A_few_Adam_steps_fit_a_linear_model()
    {
        torch.manual_seed(7);
        var device = ComputeDevice.Select();
        using var scope = torch.NewDisposeScope();
        // y = x · [2, −3]ᵀ + 0.5, 256 samples: x (256×2), y (256×1).
        var x = torch.randn(256, 2, device: device);
        var y = x.matmul(torch.tensor(new float[] { 2f, -3f }, device: device).reshape(2, 1)) + 0.5f;
        var model = nn.Linear(2, 1).to(device);
        var optimizer = optim.Adam(model.parameters(), lr: 0.1);

        var initialLoss = nn.functional.mse_loss(model.forward(x), y).item<float>();
        for (var step = 0; step < 200; step++)
        {
            optimizer.zero_grad();
            var loss = nn.functional.mse_loss(model.forward(x), y);
            loss.backward();
            optimizer.step();
        }
        var finalLoss = nn.functional.mse_loss(model.forward(x), y).item<float>();

        Assert.True(finalLoss < initialLoss / 100, $"loss {initialLoss} -> {finalLoss}");
        var weight = model.weight!.cpu().data<float>().ToArray();
        Assert.Equal(2f, weight[0], 0.05f);
        Assert.Equal(-3f, weight[1], 0.05f);
        Assert.Equal(0.5f, model.bias!.cpu().item<float>(), 0.05f);
    }

    [Fact]
    public void The_cpu_is_chosen_when_cuda_is_not_allowed()
    {
        Assert.Equal(DeviceType.CPU, ComputeDevice.Select(allowCuda: false).type);
        Assert.StartsWith("cpu", ComputeDevice.Describe(torch.CPU));
    }
}
