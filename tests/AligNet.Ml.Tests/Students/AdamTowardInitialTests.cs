using AligNet.Ml.Students;
using TorchSharp;
using static TorchSharp.torch;

namespace AligNet.Ml.Tests.Students;

/// <summary>
/// The students' optimizer against TorchSharp's own <c>optim.Adam</c> (an independent implementation of the same
/// update) followed by the decay formula written out, on the same gradients; and its exact save/load.
/// </summary>
public sealed class AdamTowardInitialTests
{
    // The last is over AdamCpuKernel's threshold, so its chunks run in parallel.
    private static readonly long[][] Shapes = [[64, 3, 3, 3], [64], [512, 256], [256, 256, 3, 3]];
    private static readonly double[] Rates = [1e-3, 5e-3, 2e-3, 1e-3, 4e-4, 1e-4];

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(25.0)]
    public void Matches_TorchSharp_Adam_after_the_decay_pass_written_out(double decay)
    {
        var ours = Parameters(seed: 1);
        var reference = Parameters(seed: 1);
        var theta0 = reference.Select(p => p.detach().clone()).ToArray();
        using var adam = new AdamTowardInitial(ours, decay);
        using var peer = optim.Adam(reference, lr: Rates[0]);
        for (var step = 0; step < Rates.Length; step++)
        {
            SetGradients(ours, seed: 100 + step);
            SetGradients(reference, seed: 100 + step);
            adam.Step(Rates[step]);
            using (no_grad())
            {
                // θ ← θ − lr·w·(θ − θ₀), then Adam on the gradient taken at the weights before the step.
                for (var i = 0; i < reference.Length; i++) reference[i].sub_((reference[i] - theta0[i]) * (Rates[step] * decay));
            }
            foreach (var group in peer.ParamGroups) group.LearningRate = Rates[step];
            peer.step();
        }
        for (var i = 0; i < ours.Length; i++)
        {
            var difference = (ours[i] - reference[i]).abs().max().item<float>();
            var moved = (reference[i] - theta0[i]).abs().max().item<float>();
            Assert.True(moved > 1e-3, $"parameter {i} did not move ({moved})");
            Assert.True(difference <= 1e-6 + 1e-5 * moved, $"parameter {i}: {difference} apart after {Rates.Length} steps (moved {moved})");
        }
    }

    [Fact]
    public void A_saved_and_loaded_state_continues_exactly_like_the_uninterrupted_optimizer()
    {
        var uninterrupted = Parameters(seed: 2);
        var resumed = Parameters(seed: 2);
        using var first = new AdamTowardInitial(uninterrupted, decay: 1.0);
        var state = new MemoryStream();
        using (var before = new AdamTowardInitial(resumed, decay: 1.0))
        {
            for (var step = 0; step < 3; step++)
            {
                SetGradients(uninterrupted, seed: step);
                first.Step(Rates[step]);
                SetGradients(resumed, seed: step);
                before.Step(Rates[step]);
            }
            before.Save(new BinaryWriter(state));
        }
        // A fresh optimizer made from other weights (its θ₀ would be wrong) takes everything from the saved state.
        var weights = resumed.Select(p => p.detach().clone()).ToArray();
        using (no_grad()) foreach (var p in resumed) p.add_(1.0);
        using var after = new AdamTowardInitial(resumed, decay: 1.0);
        state.Position = 0;
        after.Load(new BinaryReader(state), "test state");
        using (no_grad()) for (var i = 0; i < resumed.Length; i++) resumed[i].copy_(weights[i]);
        Assert.Equal(3, after.Steps);
        for (var step = 3; step < Rates.Length; step++)
        {
            SetGradients(uninterrupted, seed: step);
            first.Step(Rates[step]);
            SetGradients(resumed, seed: step);
            after.Step(Rates[step]);
        }
        for (var i = 0; i < resumed.Length; i++)
        {
            Assert.Equal(uninterrupted[i].data<float>().ToArray(), resumed[i].data<float>().ToArray());
            Assert.NotEqual(weights[i].data<float>().ToArray(), resumed[i].data<float>().ToArray());
        }
    }

    [Fact]
    public void The_state_of_another_network_is_refused_with_the_fix_named()
    {
        var state = new MemoryStream();
        using (var small = new AdamTowardInitial(Parameters(seed: 3).Take(2).ToArray(), decay: 1.0)) small.Save(new BinaryWriter(state));
        using var full = new AdamTowardInitial(Parameters(seed: 3), decay: 1.0);
        state.Position = 0;
        var error = Assert.Throws<StudentDataException>(() => full.Load(new BinaryReader(state), "step-00000010/optimizer.dat"));
        Assert.Contains("another network", error.Message);
        Assert.Contains("new --out folder", error.Message);
    }

    [Fact]
    public void Parameters_without_a_gradient_are_left_alone()
    {
        var parameters = Parameters(seed: 4);
        var before = parameters.Select(p => p.detach().clone()).ToArray();
        using var adam = new AdamTowardInitial(parameters, decay: 1.0);
        adam.Step(1e-2);
        for (var i = 0; i < parameters.Length; i++) Assert.Equal(before[i].data<float>().ToArray(), parameters[i].data<float>().ToArray());
    }

    private static TorchSharp.Modules.Parameter[] Parameters(int seed)
    {
        var generator = new Generator((ulong)seed);
        return [.. Shapes.Select(shape => new TorchSharp.Modules.Parameter(randn(shape, generator: generator)))];
    }

    private static void SetGradients(TorchSharp.Modules.Parameter[] parameters, int seed)
    {
        var generator = new Generator((ulong)seed);
        foreach (var p in parameters)
        {
            // Gradients of very different sizes per element, as real ones are, so ε and the bias corrections matter.
            var g = randn(p.shape, generator: generator) * exp(randn(p.shape, generator: generator) * 3);
            p.grad = g;
        }
    }
}
