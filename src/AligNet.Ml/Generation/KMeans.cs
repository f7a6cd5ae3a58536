namespace AligNet.Ml.Generation;

/// <summary>Hyper-parameters of <see cref="KMeans"/>.</summary>
/// <param name="Tolerance">Stop when the centres move less than this (sum of squared shifts) relative to the pool's mean variance per dimension (scikit-learn's rule).</param>
public sealed record KMeansOptions(int Clusters, int MaxIterations = 25, double Tolerance = 1e-4, long Seed = 0, int Threads = 2);

/// <summary>Assignment of every item, the final centres' inertia and the Lloyd iterations run.</summary>
public sealed record KMeansResult(int[] Assignment, int Clusters, int Iterations, double Inertia, bool Converged);

/// <summary>
/// k-means with k-means++ initialisation (Arthur and Vassilvitskii 2007; seeded from a sample of at most
/// <see cref="SeedingItemsPerCluster"/>·k items) and Lloyd iterations over the whole pool, on float32 vectors.
/// Deterministic for a seed: sampling is sequential, distances come from <see cref="BlockDots"/> (same bits on any
/// thread), ties go to the lower centre, and centres are summed item by item in index order in float64.
/// An empty cluster takes the item farthest from its centre.
/// </summary>
public static class KMeans
{
    private const int Block = 256;

    /// <summary>k-means++ seeds from at most this many items per cluster (a uniform sample of the pool beyond that).</summary>
    public const int SeedingItemsPerCluster = 20;

    public static KMeansResult Fit(PoolVectors z, KMeansOptions options)
    {
        var (n, k) = (z.Rows, options.Clusters);
        if (k < 1) throw new GenerationException($"--clusters must be at least 1, not {k}.");
        if (k > n) throw new GenerationException($"--clusters {k} is larger than the pool ({n} items): choose at most {n}.");
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Threads };
        var centres = Initialise(z, k, options.Seed, parallel);
        var assignment = new int[n];
        var distance = new float[n];
        var norms = new float[n];
        Parallel.For(0, n, parallel, i => norms[i] = PoolVectors.Dot(z.Row(i), z.Row(i)));
        var threshold = options.Tolerance * MeanVariance(z);

        var iterations = 0;
        var converged = false;
        double inertia = 0;
        while (true)
        {
            inertia = Assign(z, centres, norms, assignment, distance, parallel);
            if (converged || iterations == options.MaxIterations) break;
            var shift = Update(z, centres, assignment, distance);
            iterations++;
            converged = shift <= threshold;
        }
        return new KMeansResult(assignment, k, iterations, inertia, converged);
    }

    /// <summary>k-means++: the first centre uniformly, each next one with probability ∝ squared distance to the nearest chosen centre.</summary>
    private static PoolVectors Initialise(PoolVectors pool, int k, long seed, ParallelOptions parallel)
    {
        var random = new ShardRandom(seed, -2);
        var z = Sample(pool, k, ref random);
        var n = z.Rows;
        var centres = new PoolVectors(k, z.Dimensions);
        var nearest = new double[n];
        Array.Fill(nearest, double.PositiveInfinity);
        var chosen = random.Next(n);
        for (var c = 0; c < k; c++)
        {
            z.Row(chosen).CopyTo(centres.Row(c));
            var centre = centres.Row(c).ToArray();
            Parallel.For(0, (n + 4095) / 4096, parallel, block =>
            {
                var end = Math.Min(n, (block + 1) * 4096);
                for (var i = block * 4096; i < end; i++)
                {
                    var d = SquaredDistance(z.Row(i), centre);
                    if (d < nearest[i]) nearest[i] = d;
                }
            });
            if (c == k - 1) break;
            var total = 0.0;
            foreach (var d in nearest) total += d;
            if (!(total > 0))
            {
                // Every item coincides with a centre already: take the first item not yet chosen as a centre.
                chosen = (chosen + 1) % n;
                continue;
            }
            var target = random.NextDouble() * total;
            var running = 0.0;
            chosen = n - 1;
            for (var i = 0; i < n; i++)
            {
                running += nearest[i];
                if (running > target && nearest[i] > 0) { chosen = i; break; }
            }
        }
        return centres;
    }

    /// <summary>
    /// The items k-means++ seeds from: the whole pool up to <see cref="SeedingItemsPerCluster"/>·k items, else a uniform
    /// sample of that many (without replacement, in pool order). Seeding is k sequential passes over its items; on the
    /// full 50,000 × 512 pool that is 50 GB of memory traffic (6.7 s here), on a 10,000-item sample a fifth of it
    /// (1.8 s), and Lloyd's iterations on the full pool follow anyway.
    /// </summary>
    private static PoolVectors Sample(PoolVectors pool, int k, ref ShardRandom random)
    {
        var size = (int)Math.Min(pool.Rows, (long)SeedingItemsPerCluster * k);
        if (size == pool.Rows) return pool;
        var order = Enumerable.Range(0, pool.Rows).ToArray();
        for (var i = 0; i < size; i++)
        {
            var j = i + random.Next(pool.Rows - i);
            (order[i], order[j]) = (order[j], order[i]);
        }
        Array.Sort(order, 0, size);
        var sample = new PoolVectors(size, pool.Dimensions);
        for (var i = 0; i < size; i++) pool.Row(order[i]).CopyTo(sample.Row(i));
        return sample;
    }

    /// <summary>Nearest centre of every item by ‖c‖² − 2 z·c; returns the inertia Σ‖z − c‖².</summary>
    private static double Assign(PoolVectors z, PoolVectors centres, float[] norms, int[] assignment, float[] distance, ParallelOptions parallel)
    {
        var k = centres.Rows;
        var centreNorms = new float[k];
        for (var c = 0; c < k; c++) centreNorms[c] = PoolVectors.Dot(centres.Row(c), centres.Row(c));
        var blocks = (z.Rows + Block - 1) / Block;
        Parallel.For(0, blocks, parallel, () => new float[Block * k], (block, _, dots) =>
        {
            var first = block * Block;
            var count = Math.Min(Block, z.Rows - first);
            BlockDots.Compute(z, first, count, centres, dots);
            for (var r = 0; r < count; r++)
            {
                var (best, bestValue) = (0, float.PositiveInfinity);
                for (var c = 0; c < k; c++)
                {
                    var value = centreNorms[c] - 2 * dots[r * k + c];
                    if (value < bestValue) (best, bestValue) = (c, value);
                }
                assignment[first + r] = best;
                distance[first + r] = Math.Max(0, norms[first + r] + bestValue);
            }
            return dots;
        }, _ => { });
        var inertia = 0.0;
        foreach (var d in distance) inertia += d;
        return inertia;
    }

    /// <summary>Moves every centre to the mean of its items; returns Σ of squared centre shifts.</summary>
    private static double Update(PoolVectors z, PoolVectors centres, int[] assignment, float[] distance)
    {
        var (k, p) = (centres.Rows, z.Dimensions);
        var sums = new double[k * p];
        var counts = new int[k];
        for (var i = 0; i < z.Rows; i++)
        {
            var c = assignment[i];
            counts[c]++;
            var row = z.Row(i);
            var sum = sums.AsSpan(c * p, p);
            for (var d = 0; d < p; d++) sum[d] += row[d];
        }
        var taken = new HashSet<int>();
        var shift = 0.0;
        for (var c = 0; c < k; c++)
        {
            var centre = centres.Row(c);
            var updated = new float[p];
            if (counts[c] > 0)
            {
                for (var d = 0; d < p; d++) updated[d] = (float)(sums[c * p + d] / counts[c]);
            }
            else
            {
                // An empty cluster restarts at the item worst served by its centre (first such item on ties).
                var far = -1;
                for (var i = 0; i < z.Rows; i++)
                {
                    if (!taken.Contains(i) && (far < 0 || distance[i] > distance[far])) far = i;
                }
                taken.Add(far);
                z.Row(far)[..p].CopyTo(updated);
            }
            for (var d = 0; d < p; d++)
            {
                var delta = (double)updated[d] - centre[d];
                shift += delta * delta;
                centre[d] = updated[d];
            }
        }
        return shift;
    }

    private static double MeanVariance(PoolVectors z)
    {
        var (n, p) = (z.Rows, z.Dimensions);
        var sums = new double[p];
        var squares = new double[p];
        for (var i = 0; i < n; i++)
        {
            var row = z.Row(i);
            for (var d = 0; d < p; d++)
            {
                double v = row[d];
                sums[d] += v;
                squares[d] += v * v;
            }
        }
        var total = 0.0;
        for (var d = 0; d < p; d++) total += squares[d] / n - sums[d] / n * (sums[d] / n);
        return total / p;
    }

    /// <summary>‖a − b‖² over two padded rows, vectorised in one fixed order.</summary>
    private static float SquaredDistance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = System.Runtime.Intrinsics.Vector256<float>.Zero;
        for (var d = 0; d < a.Length; d += 8)
        {
            var diff = System.Runtime.Intrinsics.Vector256.Create(a.Slice(d, 8)) - System.Runtime.Intrinsics.Vector256.Create(b.Slice(d, 8));
            sum = System.Runtime.Intrinsics.Vector256.FusedMultiplyAdd(diff, diff, sum);
        }
        return System.Runtime.Intrinsics.Vector256.Sum(sum);
    }
}
