using static TorchSharp.torch;

namespace AligNet.Ml.Students;

/// <summary>
/// Adam with decay toward the initial weights (METHOD.md §4, ADR-013): θ ← θ − lr·(adam(g) + w·(θ − θ₀)), θ on the
/// right the weights before the step. Same update as TorchSharp's <c>optim.Adam</c> after an explicit decay pass
/// (tested against it), written for memory traffic because on the CPU this element-wise step is a fifth of a layer4
/// training step (ADR-025):
/// <list type="bullet">
/// <item>the decay is one <c>lerp_</c> (θ + lr·w·(θ₀ − θ)) instead of a subtraction, a scaling and an update;</item>
/// <item>the first moment is one <c>lerp_</c> (m + (1 − β₁)(g − m)) instead of a scaling and an addition;</item>
/// <item>the bias corrections are folded into the step size and ε (denominator √v + ε·√(1 − β₂ᵗ)), so the
///   denominator costs one square root and one addition instead of a square root, a division and an addition;</item>
/// <item>the one temporary (the denominator) is freed before the next parameter's is made, so the allocator hands the
///   same cache-warm block back, where TorchSharp's step keeps every parameter's temporaries until the step ends.</item>
/// </list>
/// </summary>
public sealed class AdamTowardInitial : IDisposable
{
    public const double Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8;

    private readonly Tensor[] parameters, initial, firstMoment, secondMoment;
    private readonly double decay;

    /// <param name="parameters">The trainable parameters; their values now are θ₀ (copied).</param>
    /// <param name="decay">w; 0 for plain Adam.</param>
    public AdamTowardInitial(IReadOnlyList<Tensor> parameters, double decay)
    {
        this.parameters = [.. parameters];
        this.decay = decay;
        initial = [.. parameters.Select(p => p.detach().clone())];
        firstMoment = [.. parameters.Select(p => zeros_like(p))];
        secondMoment = [.. parameters.Select(p => zeros_like(p))];
    }

    /// <summary>Adam steps taken so far (t of the bias corrections).</summary>
    public long Steps { get; private set; }

    /// <summary>θ₀ per parameter, in the order given.</summary>
    public IReadOnlyList<Tensor> Initial => initial;

    public void ZeroGrad()
    {
        foreach (var p in parameters)
        {
            using var grad = p.grad;
            grad?.zero_();
        }
    }

    /// <summary>One step at learning rate <paramref name="lr"/>; parameters without a gradient are left alone.</summary>
    public void Step(double lr)
    {
        using var _ = no_grad();
        Steps++;
        var correction1 = 1 - Math.Pow(Beta1, Steps);
        var correction2Root = Math.Sqrt(1 - Math.Pow(Beta2, Steps));
        var stepSize = lr * correction2Root / correction1;
        var epsilon = Epsilon * correction2Root;
        if (parameters.Length == 0) return;
        // lerp_ takes its weight as a tensor in this TorchSharp; 0-d, so it broadcasts.
        using var decayWeight = tensor(lr * decay, dtype: parameters[0].dtype, device: parameters[0].device);
        using var momentumWeight = tensor(1 - Beta1, dtype: parameters[0].dtype, device: parameters[0].device);
        for (var i = 0; i < parameters.Length; i++)
        {
            using var grad = parameters[i].grad;
            if (grad is null) continue;
            if (AdamCpuKernel.Applies(parameters[i], grad, initial[i], firstMoment[i], secondMoment[i]))
            {
                AdamCpuKernel.Step(parameters[i], grad, firstMoment[i], secondMoment[i], decay > 0 ? initial[i] : null,
                    new((float)(lr * decay), (float)(1 - Beta1), (float)Beta2, (float)(1 - Beta2), (float)stepSize, (float)epsilon));
                continue;
            }
            if (decay > 0) parameters[i].lerp_(initial[i], decayWeight);
            firstMoment[i].lerp_(grad, momentumWeight);
            secondMoment[i].mul_(Beta2).addcmul_(grad, grad, value: 1 - Beta2);
            using var denominator = secondMoment[i].sqrt();
            denominator.add_(epsilon);
            parameters[i].addcdiv_(firstMoment[i], denominator, value: -stepSize);
        }
    }

    /// <summary>Writes t, θ₀ and both moments (float32, parameter order) for an exact resume.</summary>
    public void Save(BinaryWriter writer)
    {
        writer.Write(Steps);
        writer.Write(parameters.Length);
        foreach (var group in new[] { initial, firstMoment, secondMoment })
        {
            foreach (var t in group) WriteTensor(writer, t);
        }
    }

    /// <summary>Reads what <see cref="Save"/> wrote; a state of another network is refused with the fix named.</summary>
    public void Load(BinaryReader reader, string source)
    {
        var steps = reader.ReadInt64();
        if (reader.ReadInt32() != parameters.Length) throw new StudentDataException($"{source} holds another network's optimizer state: choose a new --out folder.");
        using var _ = no_grad();
        foreach (var group in new[] { initial, firstMoment, secondMoment })
        {
            foreach (var t in group) ReadTensor(reader, t, source);
        }
        Steps = steps;
    }

    private static void WriteTensor(BinaryWriter writer, Tensor t)
    {
        var values = t.cpu().data<float>().ToArray();
        writer.Write(values.Length);
        writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
    }

    private static void ReadTensor(BinaryReader reader, Tensor t, string source)
    {
        var count = reader.ReadInt32();
        if (count != t.numel()) throw new StudentDataException($"{source} holds another network's optimizer state: choose a new --out folder.");
        var values = new float[count];
        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan());
        if (reader.Read(bytes) != bytes.Length) throw new StudentDataException($"{source} is truncated: delete it to start the run afresh.");
        using var loaded = tensor(values, t.shape);
        t.copy_(loaded);
    }

    public void Dispose()
    {
        foreach (var t in initial.Concat(firstMoment).Concat(secondMoment)) t.Dispose();
    }
}
