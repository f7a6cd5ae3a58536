namespace AligNet.Ml.Generation;

/// <summary>
/// xoshiro256** seeded through SplitMix64 from (seed, stream). Written out here rather than System.Random so that a
/// data set's triplets depend on nothing but its seed: one independent stream per shard makes shards reproducible
/// one by one, which is what resuming needs.
/// </summary>
internal struct ShardRandom
{
    private ulong s0, s1, s2, s3;

    public ShardRandom(long seed, long stream)
    {
        var x = (ulong)seed * 0x9E3779B97F4A7C15UL ^ (ulong)stream * 0xD1B54A32D192ED03UL ^ 0x5851F42D4C957F2DUL;
        s0 = SplitMix(ref x);
        s1 = SplitMix(ref x);
        s2 = SplitMix(ref x);
        s3 = SplitMix(ref x);
    }

    private static ulong SplitMix(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(s1 * 5, 7) * 9;
        var t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = ulong.RotateLeft(s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, bound) by Lemire's multiply-and-reject (no modulo bias).</summary>
    public int Next(int bound)
    {
        var product = (ulong)(uint)NextUInt64() * (uint)bound;
        if ((uint)product < (uint)bound)
        {
            var threshold = (uint)-bound % (uint)bound;
            while ((uint)product < threshold) product = (ulong)(uint)NextUInt64() * (uint)bound;
        }
        return (int)(product >> 32);
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));
}
