using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace AligNet.Ml.Generation;

/// <summary>
/// n vectors of p float32 values, each row padded with zeros to a multiple of 8 (one Vector256), so that every dot
/// product runs the same vector loop in the same order: results do not depend on the thread that computes them.
/// </summary>
public sealed class PoolVectors
{
    public PoolVectors(int rows, int dimensions)
    {
        Rows = rows;
        Dimensions = dimensions;
        Stride = (dimensions + 7) / 8 * 8;
        Values = new float[(long)rows * Stride];
    }

    public int Rows { get; }
    public int Dimensions { get; }
    public int Stride { get; }
    public float[] Values { get; }

    public Span<float> Row(int index) => Values.AsSpan(index * Stride, Stride);

    public static PoolVectors From(int rows, int dimensions, ReadOnlySpan<float> values)
    {
        var result = new PoolVectors(rows, dimensions);
        for (var r = 0; r < rows; r++) values.Slice(r * dimensions, dimensions).CopyTo(result.Row(r));
        return result;
    }

    /// <summary>Σ a·b over two padded rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        ref var ra = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(a);
        ref var rb = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(b);
        var sum = Vector256<float>.Zero;
        for (nuint d = 0; d < (nuint)a.Length; d += 8)
        {
            sum = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref ra, d), Vector256.LoadUnsafe(ref rb, d), sum);
        }
        return Vector256.Sum(sum);
    }

    /// <summary>The three pair similarities of a triplet in one pass over the rows: (a·b, a·c, b·c).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public (float Ab, float Ac, float Bc) TripletDots(int a, int b, int c)
    {
        ref var ra = ref Values[a * Stride];
        ref var rb = ref Values[b * Stride];
        ref var rc = ref Values[c * Stride];
        Vector256<float> ab = default, ac = default, bc = default;
        for (nuint d = 0; d < (nuint)Stride; d += 8)
        {
            var va = Vector256.LoadUnsafe(ref ra, d);
            var vb = Vector256.LoadUnsafe(ref rb, d);
            var vc = Vector256.LoadUnsafe(ref rc, d);
            ab = Vector256.FusedMultiplyAdd(va, vb, ab);
            ac = Vector256.FusedMultiplyAdd(va, vc, ac);
            bc = Vector256.FusedMultiplyAdd(vb, vc, bc);
        }
        return (Vector256.Sum(ab), Vector256.Sum(ac), Vector256.Sum(bc));
    }
}
