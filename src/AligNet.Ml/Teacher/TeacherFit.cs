using System.Diagnostics;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AligNet.Ml.Teacher;

/// <summary>The weights, curve and throughput of training at one λ; W and b as of the best validation epoch.</summary>
internal sealed record FitOutcome(double Lambda, float[] Weight, float[] Bias, double ValidationLoss, IReadOnlyList<TrainingEpoch> Curve, double TripletsPerSecond);

/// <summary>Adam on W and b at one λ, with early stopping on the validation human loss.</summary>
internal static class TeacherFit
{
    /// <param name="localRows">Normalised rows L_local samples from: the training items, or the pool the teacher will label.</param>
    /// <param name="checkpoint">Where each epoch is saved and, if this λ was under way, restored from; null = none.</param>
    public static FitOutcome Run(Tensor normalized, Tensor localRows, TripletTargets train, TripletTargets validation, double lambda, TeacherOptions o,
        ITrainingProgress? progress, TeacherCheckpoint? checkpoint = null, int lambdaIndex = 0)
    {
        var (n, p) = ((int)localRows.shape[0], (int)normalized.shape[1]);
        var device = normalized.device;
        // The same batches for every λ, so that the grid compares λ and not the luck of the draw.
        var random = new Random(o.Seed);
        // W = I/√p: z keeps the base model's geometry (same predictions as dot products of x̃), and since
        // ‖x̃_i‖² ≈ p the initial similarities are O(1), so softmax(S) at T = 1 starts neither flat nor saturated.
        using var initial = eye(p, device: device) * (float)(1 / Math.Sqrt(p));
        using var w = new Parameter(initial.clone());
        using var b = new Parameter(zeros(p, device: device));
        var parameters = new[] { w, b };
        using var adam = optim.Adam(parameters, lr: o.LearningRate);
        using var trainTarget = tensor(train.Distribution, [train.Count, 3], device: device);
        var localBatch = Math.Min(o.LocalBatch, n);
        using var baseCosines = o.Alpha > 0 ? BaseCosines(localRows) : null;
        var order = Enumerable.Range(0, train.Count).ToArray();
        var pool = Enumerable.Range(0, n).Select(i => (long)i).ToArray();

        var curve = new List<TrainingEpoch>();
        var (bestLoss, bestWeight, bestBias, stale) = (double.PositiveInfinity, Array.Empty<float>(), Array.Empty<float>(), 0);
        var clock = new Stopwatch();
        long trained = 0;
        var (firstEpoch, secondsBefore) = (1, 0.0);
        if (checkpoint?.Restore(lambdaIndex, adam) is { } saved)
        {
            using (no_grad())
            {
                using var weight = tensor(saved.Weight, [p, p], device: device);
                using var bias = tensor(saved.Bias, [p], device: device);
                w.copy_(weight);
                b.copy_(bias);
            }
            (curve, bestLoss, bestWeight, bestBias, stale, trained) = (saved.Curve, saved.BestLoss, saved.BestWeight, saved.BestBias, saved.Stale, saved.Trained);
            // The random draws of the finished epochs are replayed (cheap, no tensors), so the next epoch sees the
            // same shuffle and the same local samples as an uninterrupted training would.
            for (var e = 0; e < saved.Epoch; e++) ReplayDraws(random, order, pool, localBatch, o);
            // A λ that had stopped early before the checkpoint stays stopped.
            (firstEpoch, secondsBefore) = (stale >= o.Patience ? o.MaxEpochs + 1 : saved.Epoch + 1, saved.Seconds);
        }
        for (var epoch = firstEpoch; epoch <= o.MaxEpochs; epoch++)
        {
            random.Shuffle(order);
            double lossSum = 0;
            clock.Start();
            for (var start = 0; start < order.Length; start += o.TripletBatch)
            {
                using var scope = NewDisposeScope();
                var size = Math.Min(o.TripletBatch, order.Length - start);
                var sets = new long[size];
                var rows = new long[3 * size];
                for (var s = 0; s < size; s++)
                {
                    var t = order[start + s];
                    (sets[s], rows[s], rows[size + s], rows[2 * size + s]) = (t, train.A[t], train.B[t], train.C[t]);
                }
                var z = normalized.index_select(0, tensor(rows, device: device)).matmul(w) + b;
                var human = TeacherObjective.HumanLoss(z.narrow(0, 0, size), z.narrow(0, size, size), z.narrow(0, 2 * size, size),
                    trainTarget.index_select(0, tensor(sets, device: device)));
                var local = o.Alpha > 0 ? LocalTerm(localRows, baseCosines, w, b, Sample(random, pool, localBatch), o.LocalTemperature) : zeros(1, device: device).sum();
                var loss = TeacherObjective.Total(human, local, TeacherObjective.Penalty(w), o.Alpha, lambda);
                adam.zero_grad();
                loss.backward();
                nn.utils.clip_grad_norm_(parameters, o.GradientClipNorm);
                adam.step();
                lossSum += loss.item<float>() * size;
            }
            clock.Stop();
            trained += order.Length;

            var (validationLoss, validationAccuracy) = Validate(normalized, w, b, validation);
            var record = new TrainingEpoch(lambda, epoch, lossSum / order.Length, validationLoss, validationAccuracy);
            curve.Add(record);
            progress?.Report(record);
            if (!double.IsFinite(record.TrainLoss)) throw new InvalidOperationException($"Training diverged at λ = {lambda}, epoch {epoch}: lower the learning rate.");
            if (validationLoss < bestLoss - 1e-6)
            {
                (bestLoss, stale) = (validationLoss, 0);
                bestWeight = w.detach().cpu().data<float>().ToArray();
                bestBias = b.detach().cpu().data<float>().ToArray();
            }
            else
            {
                stale++;
            }
            checkpoint?.Save(lambdaIndex, new FitState(epoch, bestLoss, stale, trained, secondsBefore + clock.Elapsed.TotalSeconds,
                w.detach().cpu().data<float>().ToArray(), b.detach().cpu().data<float>().ToArray(), bestWeight, bestBias, curve), adam);
            if (stale >= o.Patience) break;
        }
        if (bestWeight.Length == 0) throw new InvalidOperationException($"The validation loss at λ = {lambda} was never finite: lower the learning rate or check the triplets.");
        return new FitOutcome(lambda, bestWeight, bestBias, bestLoss, curve, trained / Math.Max(secondsBefore + clock.Elapsed.TotalSeconds, 1e-9));
    }

    /// <summary>The draws one epoch makes from <paramref name="random"/>: its shuffle and, per batch, the local sample.</summary>
    private static void ReplayDraws(Random random, int[] order, long[] pool, int localBatch, TeacherOptions o)
    {
        random.Shuffle(order);
        if (!(o.Alpha > 0)) return;
        for (var start = 0; start < order.Length; start += o.TripletBatch) Sample(random, pool, localBatch);
    }

    /// <summary>Largest local pool whose base cosines are computed once (n² floats: 8,192 items = 256 MiB).</summary>
    internal const int BaseCosineCacheItems = 8192;

    /// <summary>
    /// The base side of the local term does not change during training, so for pools up to
    /// <see cref="BaseCosineCacheItems"/> all n² base cosines are computed once and every step gathers its batch's
    /// block instead of a B × p × B product (≈ 1 of the ≈ 6 GFLOP of a THINGS step; ADR-025). Larger pools: null, and
    /// the step computes its batch's cosines as before.
    /// </summary>
    private static Tensor? BaseCosines(Tensor localRows)
    {
        if (localRows.shape[0] > BaseCosineCacheItems) return null;
        using var _ = no_grad();
        return TeacherObjective.Cosines(localRows).detach();
    }

    private static Tensor LocalTerm(Tensor localRows, Tensor? baseCosines, Tensor w, Tensor b, long[] stimuli, double tau)
    {
        var index = tensor(stimuli, device: localRows.device);
        var baseRows = localRows.index_select(0, index);
        if (baseCosines is null) return TeacherObjective.LocalLoss(baseRows, baseRows.matmul(w) + b, tau);
        return TeacherObjective.LocalLossFromBaseCosines(baseCosines.index_select(0, index).index_select(1, index), baseRows.matmul(w) + b, tau);
    }

    /// <summary>A uniform sample without replacement (partial Fisher–Yates on a reused pool).</summary>
    private static long[] Sample(Random random, long[] pool, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var j = random.Next(i, pool.Length);
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }
        return pool[..count];
    }

    /// <summary>Validation human loss (the early-stopping and λ-selection criterion) and accuracy per response.</summary>
    private static (double Loss, double Accuracy) Validate(Tensor normalized, Tensor w, Tensor b, TripletTargets set)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var device = normalized.device;
        var z = normalized.matmul(w) + b;
        var (za, zb, zc) = (z.index_select(0, tensor(set.A, device: device)), z.index_select(0, tensor(set.B, device: device)), z.index_select(0, tensor(set.C, device: device)));
        var target = tensor(set.Distribution, [set.Count, 3], device: device);
        var loss = TeacherObjective.HumanLoss(za, zb, zc, target).item<float>();
        var similarities = stack([(za * zb).sum(1), (za * zc).sum(1), (zb * zc).sum(1)], 1);
        var responses = tensor(set.Responses, device: device);
        var hits = (target.gather(1, similarities.argmax(1, keepdim: true)).squeeze(1) * responses).sum();
        return (loss, (hits / responses.sum()).item<float>());
    }
}
