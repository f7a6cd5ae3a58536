using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace AligNet.Ml.Generation;

/// <summary>
/// All dot products between some rows of one <see cref="PoolVectors"/> and every row of another (a matrix product
/// A·Bᵀ) with a 4 × 4 register block: each loaded vector feeds four multiply-adds. Every output is summed in the
/// same order whichever block or thread computes it, so callers may split rows across threads freely.
/// Measured on this machine against TorchSharp's float32 matmul in benchmarks/README.md.
/// </summary>
internal static class BlockDots
{
    /// <summary>output[(r − first) · b.Rows + c] = a.Row(r) · b.Row(c) for r in [first, first + count).</summary>
    public static void Compute(PoolVectors a, int first, int count, PoolVectors b, Span<float> output)
    {
        if (a.Stride != b.Stride) throw new ArgumentException("Both matrices need the same row length.");
        var m = b.Rows;
        var r = 0;
        for (; r + 4 <= count; r += 4)
        {
            var c = 0;
            for (; c + 4 <= m; c += 4) Kernel4x4(a, first + r, b, c, output, r * m + c, m);
            for (; c < m; c++)
            {
                for (var i = 0; i < 4; i++) output[(r + i) * m + c] = PoolVectors.Dot(a.Row(first + r + i), b.Row(c));
            }
        }
        for (; r < count; r++)
        {
            for (var c = 0; c < m; c++) output[r * m + c] = PoolVectors.Dot(a.Row(first + r), b.Row(c));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel4x4(PoolVectors a, int row, PoolVectors b, int column, Span<float> output, int at, int m)
    {
        var stride = a.Stride;
        ref var a0 = ref a.Values[row * stride];
        ref var a1 = ref Unsafe.Add(ref a0, stride);
        ref var a2 = ref Unsafe.Add(ref a1, stride);
        ref var a3 = ref Unsafe.Add(ref a2, stride);
        ref var b0 = ref b.Values[column * stride];
        ref var b1 = ref Unsafe.Add(ref b0, stride);
        ref var b2 = ref Unsafe.Add(ref b1, stride);
        ref var b3 = ref Unsafe.Add(ref b2, stride);
        Vector256<float> s00 = default, s01 = default, s02 = default, s03 = default;
        Vector256<float> s10 = default, s11 = default, s12 = default, s13 = default;
        Vector256<float> s20 = default, s21 = default, s22 = default, s23 = default;
        Vector256<float> s30 = default, s31 = default, s32 = default, s33 = default;
        for (nuint d = 0; d < (nuint)stride; d += 8)
        {
            var x0 = Vector256.LoadUnsafe(ref b0, d);
            var x1 = Vector256.LoadUnsafe(ref b1, d);
            var x2 = Vector256.LoadUnsafe(ref b2, d);
            var x3 = Vector256.LoadUnsafe(ref b3, d);
            var y = Vector256.LoadUnsafe(ref a0, d);
            s00 = Vector256.FusedMultiplyAdd(y, x0, s00); s01 = Vector256.FusedMultiplyAdd(y, x1, s01);
            s02 = Vector256.FusedMultiplyAdd(y, x2, s02); s03 = Vector256.FusedMultiplyAdd(y, x3, s03);
            y = Vector256.LoadUnsafe(ref a1, d);
            s10 = Vector256.FusedMultiplyAdd(y, x0, s10); s11 = Vector256.FusedMultiplyAdd(y, x1, s11);
            s12 = Vector256.FusedMultiplyAdd(y, x2, s12); s13 = Vector256.FusedMultiplyAdd(y, x3, s13);
            y = Vector256.LoadUnsafe(ref a2, d);
            s20 = Vector256.FusedMultiplyAdd(y, x0, s20); s21 = Vector256.FusedMultiplyAdd(y, x1, s21);
            s22 = Vector256.FusedMultiplyAdd(y, x2, s22); s23 = Vector256.FusedMultiplyAdd(y, x3, s23);
            y = Vector256.LoadUnsafe(ref a3, d);
            s30 = Vector256.FusedMultiplyAdd(y, x0, s30); s31 = Vector256.FusedMultiplyAdd(y, x1, s31);
            s32 = Vector256.FusedMultiplyAdd(y, x2, s32); s33 = Vector256.FusedMultiplyAdd(y, x3, s33);
        }
        output[at] = Vector256.Sum(s00); output[at + 1] = Vector256.Sum(s01); output[at + 2] = Vector256.Sum(s02); output[at + 3] = Vector256.Sum(s03);
        at += m;
        output[at] = Vector256.Sum(s10); output[at + 1] = Vector256.Sum(s11); output[at + 2] = Vector256.Sum(s12); output[at + 3] = Vector256.Sum(s13);
        at += m;
        output[at] = Vector256.Sum(s20); output[at + 1] = Vector256.Sum(s21); output[at + 2] = Vector256.Sum(s22); output[at + 3] = Vector256.Sum(s23);
        at += m;
        output[at] = Vector256.Sum(s30); output[at + 1] = Vector256.Sum(s31); output[at + 2] = Vector256.Sum(s32); output[at + 3] = Vector256.Sum(s33);
    }
}
