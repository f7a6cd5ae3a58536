using System.Numerics;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace AligNet.Ml.Students;

/// <summary>
/// <see cref="AdamTowardInitial"/>'s update for one float32 parameter in CPU memory, as one pass over its memory
/// (ADR-030): read θ, θ₀, g, m, v once, write θ, m, v once. The same arithmetic, in the same order, as the libtorch
/// path of <see cref="AdamTowardInitial.Step"/> — decay lerp, moment lerp, v·β₂ + (1 − β₂)·g·g, θ − s·m/(√v + ε) — but
/// where that path makes six passes and a temporary per parameter, and its square root goes through the MKL that ships
/// with libtorch, which on this AMD machine takes 2.7 ms for 13 M values against PyTorch 1.13's 1.2 ms (measured;
/// benchmarks/README.md). Tensors elsewhere (CUDA, another dtype, not contiguous) keep the libtorch path.
/// </summary>
internal static class AdamCpuKernel
{
    /// <summary>Below this many values one thread does the whole parameter (starting threads costs more).</summary>
    private const int ParallelThreshold = 1 << 17;

    public readonly record struct Coefficients(float DecayWeight, float MomentumWeight, float Beta2, float OneMinusBeta2, float StepSize, float Epsilon);

    public static bool Applies(Tensor parameter, Tensor grad, params Tensor[] state) =>
        new[] { parameter, grad }.Concat(state).All(t => t.device_type == DeviceType.CPU && t.dtype == ScalarType.Float32 && t.is_contiguous())
        && parameter.numel() <= int.MaxValue / sizeof(float) && state.All(t => t.numel() == parameter.numel()) && grad.numel() == parameter.numel();

    /// <param name="initial">θ₀, or null when there is no decay (DecayWeight 0).</param>
    public static void Step(Tensor parameter, Tensor grad, Tensor firstMoment, Tensor secondMoment, Tensor? initial, Coefficients c)
    {
        var length = (int)parameter.numel();
        var chunks = length < ParallelThreshold ? 1 : Math.Max(1, get_num_threads());
        var chunkLength = (length + chunks - 1) / chunks;
        // Spans cannot cross into a lambda: each chunk asks libtorch for the data pointers itself (a cheap call).
        void Run(int chunk)
        {
            var start = chunk * chunkLength;
            var count = Math.Min(chunkLength, length - start);
            if (count <= 0) return;
            Update(Floats(parameter, start, count), Floats(grad, start, count), Floats(firstMoment, start, count),
                Floats(secondMoment, start, count), initial is null ? default : Floats(initial, start, count), c);
        }
        if (chunks == 1) Run(0);
        else Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = chunks }, Run);
    }

    private static Span<float> Floats(Tensor t, int start, int count) => MemoryMarshal.Cast<byte, float>(t.bytes).Slice(start, count);

    private static void Update(Span<float> theta, ReadOnlySpan<float> g, Span<float> m, Span<float> v, ReadOnlySpan<float> theta0, Coefficients c)
    {
        var decay = !theta0.IsEmpty && c.DecayWeight != 0;
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var (dw, mw, b2, b2c, ss, eps) = (new Vector<float>(c.DecayWeight), new Vector<float>(c.MomentumWeight),
                new Vector<float>(c.Beta2), new Vector<float>(c.OneMinusBeta2), new Vector<float>(c.StepSize), new Vector<float>(c.Epsilon));
            for (; i <= theta.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var th = new Vector<float>(theta[i..]);
                var gi = new Vector<float>(g[i..]);
                if (decay) th += dw * (new Vector<float>(theta0[i..]) - th);
                var mi = new Vector<float>(m[i..]);
                mi += mw * (gi - mi);
                var vi = new Vector<float>(v[i..]) * b2 + b2c * gi * gi;
                th -= ss * mi / (Vector.SquareRoot(vi) + eps);
                th.CopyTo(theta[i..]);
                mi.CopyTo(m[i..]);
                vi.CopyTo(v[i..]);
            }
        }
        for (; i < theta.Length; i++)
        {
            var th = theta[i];
            if (decay) th += c.DecayWeight * (theta0[i] - th);
            m[i] += c.MomentumWeight * (g[i] - m[i]);
            v[i] = v[i] * c.Beta2 + c.OneMinusBeta2 * g[i] * g[i];
            theta[i] = th - c.StepSize * m[i] / (MathF.Sqrt(v[i]) + c.Epsilon);
        }
    }
}
