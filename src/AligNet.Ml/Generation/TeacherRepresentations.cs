using AligNet.Evaluation.Embeddings;
using AligNet.Ml.Teacher;

namespace AligNet.Ml.Generation;

/// <summary>
/// The teacher's representation of every pool item, z = ((x − μ) / σ)·W + b (<see cref="TeacherModel"/>), in float32
/// for the generation loops. Computed block by block on the CPU with <see cref="BlockDots"/>: no libtorch, and the
/// same bits whatever the number of threads.
/// </summary>
public static class TeacherRepresentations
{
    private const int Block = 256;

    public static PoolVectors Compute(TeacherModel teacher, EmbeddingMatrix pool, int threads)
    {
        var p = teacher.Dimensions;
        if (pool.Columns != p) throw new GenerationException($"the pool's embeddings have {pool.Columns} dimensions and the teacher transforms {p}: use embeddings of the teacher's base model.");
        // Row o of wt is column o of W, so z_o = x̃ · wt_o.
        var wt = new PoolVectors(p, p);
        for (var o = 0; o < p; o++)
        {
            var row = wt.Row(o);
            for (var d = 0; d < p; d++) row[d] = (float)teacher.Weight[d * p + o];
        }
        var z = new PoolVectors(pool.Rows, p);
        var blocks = (pool.Rows + Block - 1) / Block;
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = threads }, () => (new PoolVectors(Block, p), new float[Block * p]), (block, _, buffers) =>
        {
            var (x, dots) = buffers;
            var first = block * Block;
            var count = Math.Min(Block, pool.Rows - first);
            for (var r = 0; r < count; r++)
            {
                var source = pool.Row(first + r);
                var target = x.Row(r);
                for (var d = 0; d < p; d++) target[d] = (float)((source[d] - teacher.Mean) / teacher.Deviation);
            }
            BlockDots.Compute(x, 0, count, wt, dots);
            for (var r = 0; r < count; r++)
            {
                var target = z.Row(first + r);
                for (var o = 0; o < p; o++) target[o] = dots[r * p + o] + (float)teacher.Bias[o];
            }
            return buffers;
        }, _ => { });
        return z;
    }
}
