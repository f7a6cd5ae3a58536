using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace AligNet.Ml.Students;

/// <summary>
/// Trains a student of any kind on an AligNet data set (METHOD.md §4): q = softmax([d_ij, d_ik, d_jk] / τ_s) over dot
/// products of its outputs, JSD(p, q) or KL(p ‖ q) against the soft labels, Adam with decay toward the initial
/// weights, linear warm-up then cosine decay, validation on the data set's validation split, and checkpoints from which
/// a restarted run continues with the very weights an uninterrupted run would have (on the CPU).
/// </summary>
public sealed class StudentTrainer(StudentOptions options, IStudentProgress? progress = null)
{
    private const int EvaluationChunk = 4096;
    private const string OptimizerFormat = "adam-toward-initial/1";

    public StudentOptions Options { get; } = options;

    /// <param name="create">Builds the student on the given device; called after the seed is set, so seeded initialisations repeat.</param>
    /// <param name="checkpoints">Folder for checkpoints (resumed from when it holds one of this run), or null for none.</param>
    /// <param name="runIdentity">What else defines the run besides options and data (e.g. the base embeddings' SHA-256); a checkpoint of another run is refused.</param>
    public (StudentResult Result, IStudentNetwork Student) Train(Func<Device, IStudentNetwork> create, TripletDataset data, string? checkpoints, string runIdentity, CancellationToken ct = default)
    {
        Options.Validate();
        var device = ComputeDevice.Select(Options.AllowCuda);
        torch.manual_seed(Options.Seed);
        var student = create(device);
        try
        {
            return (Run(student, data, device, checkpoints, runIdentity, ct), student);
        }
        catch
        {
            student.Dispose();
            throw;
        }
    }

    private StudentResult Run(IStudentNetwork student, TripletDataset data, Device device, string? checkpoints, string runIdentity, CancellationToken ct)
    {
        var parameters = student.Module.parameters().Where(p => p.requires_grad).ToArray();
        using var adam = new AdamTowardInitial(parameters, Options.Decay);
        using var trainP = tensor(data.Train.P, [data.Train.Count, 3], device: device);
        using var validationP = tensor(data.Validation.P, [data.Validation.Count, 3], device: device);
        var runKey = RunKey(data, runIdentity);

        var state = checkpoints is null ? null : StudentCheckpoint.TryRestore(checkpoints, runKey, student.Module, adam);
        var resumedFrom = state?.Step ?? 0;
        state ??= new CheckpointState(0, runKey, 0, 0, Evaluate(student, data.Validation, validationP, 0, 0, double.NaN), []);
        var (lossSum, lossSteps, curve) = (state.LossSum, state.LossSteps, state.Curve);
        var batches = new TripletBatches(data.Train.Count, Options.Batch, Options.Seed);
        var clock = Stopwatch.StartNew();
        for (var step = state.Step + 1; step <= Options.Steps; step++)
        {
            ct.ThrowIfCancellationRequested();
            var lr = LearningRateSchedule.At(step, Options.LearningRate, Options.Warmup, Options.Steps);
            lossSum += TrainStep(student, data.Train, trainP, batches.Rows(step), adam, lr);
            lossSteps++;
            if (step % Options.ValidateEvery == 0 || step == Options.Steps)
            {
                var point = Evaluate(student, data.Validation, validationP, step, lr, lossSum / lossSteps);
                curve.Add(point);
                progress?.Report(point);
                if (!double.IsFinite(point.TrainLoss)) throw new InvalidOperationException($"Training diverged by step {step}: lower --learning-rate.");
                (lossSum, lossSteps) = (0, 0);
            }
            if (checkpoints is not null && Options.CheckpointEvery > 0 && step % Options.CheckpointEvery == 0 && step < Options.Steps)
            {
                StudentCheckpoint.Save(checkpoints, step, student.Module, adam, state with { Step = step, LossSum = lossSum, LossSteps = lossSteps, Curve = curve });
                progress?.Checkpointed(step);
            }
        }
        var seconds = clock.Elapsed.TotalSeconds;
        var trained = (double)(Options.Steps - resumedFrom) * batches.Size;
        var final = curve.Count > 0 ? curve[^1] : state.Initial;
        return new StudentResult(Options, state.Initial, final, curve, resumedFrom, seconds, trained / Math.Max(seconds, 1e-9), ComputeDevice.Describe(device));
    }

    /// <summary>One Adam step with decay toward θ₀: θ ← θ − lr·(adam + w·(θ − θ₀)), θ on the right the weights before the step.</summary>
    private double TrainStep(IStudentNetwork student, TripletSplitData split, Tensor p, ReadOnlySpan<int> rows, AdamTowardInitial adam, double lr)
    {
        using var scope = NewDisposeScope();
        var loss = Loss(student, split, p, rows);
        adam.ZeroGrad();
        loss.backward();
        adam.Step(lr);
        return loss.item<float>();
    }

    /// <summary>The objective over the given rows; each distinct item of the rows is forwarded once.</summary>
    private Tensor Loss(IStudentNetwork student, TripletSplitData split, Tensor p, ReadOnlySpan<int> rows) =>
        StudentObjective.Loss(Options.Objective, p.index_select(0, tensor(rows.ToArray(), device: p.device)), Logits(student, split, rows, p.device));

    private Tensor Logits(IStudentNetwork student, TripletSplitData split, ReadOnlySpan<int> rows, Device device)
    {
        var (items, position) = (new List<long>(), new Dictionary<int, long>());
        var index = new long[3 * rows.Length];
        for (var r = 0; r < rows.Length; r++)
        {
            var row = rows[r];
            index[r] = Slot(split.I[row]);
            index[rows.Length + r] = Slot(split.J[row]);
            index[2 * rows.Length + r] = Slot(split.K[row]);
        }
        var z = student.Forward([.. items]);
        var all = z.index_select(0, tensor(index, device: device));
        var n = rows.Length;
        return StudentObjective.Logits(all.narrow(0, 0, n), all.narrow(0, n, n), all.narrow(0, 2 * n, n), Options.Temperature);

        long Slot(int item)
        {
            if (!position.TryGetValue(item, out var slot))
            {
                slot = items.Count;
                position[item] = slot;
                items.Add(item);
            }
            return slot;
        }
    }

    /// <summary>Validation loss and agreement with the teacher's odd one out (index 0: rows are stored teacher's odd one out last).</summary>
    private StudentCurvePoint Evaluate(IStudentNetwork student, TripletSplitData split, Tensor p, int step, double lr, double trainLoss)
    {
        if (split.Count == 0) return new StudentCurvePoint(step, lr, trainLoss, double.NaN, double.NaN);
        using var _ = no_grad();
        double loss = 0, agree = 0;
        var all = Enumerable.Range(0, split.Count).ToArray();
        for (var start = 0; start < split.Count; start += EvaluationChunk)
        {
            using var scope = NewDisposeScope();
            var rows = all.AsSpan(start, Math.Min(EvaluationChunk, split.Count - start));
            var logits = Logits(student, split, rows, p.device);
            var target = p.index_select(0, tensor(rows.ToArray(), device: p.device));
            loss += StudentObjective.Loss(Options.Objective, target, logits).item<float>() * rows.Length;
            agree += logits.argmax(1).eq(target.argmax(1)).sum().item<long>();
        }
        return new StudentCurvePoint(step, lr, trainLoss, loss / split.Count, agree / split.Count);
    }

    /// <summary>Options (all but the checkpoint and validation cadence), data set and caller's identity, hashed: what a checkpoint must match.</summary>
    private string RunKey(TripletDataset data, string runIdentity)
    {
        var defining = Options with { CheckpointEvery = 0, ValidateEvery = 1 };
        // The optimizer's format is part of the key, so a checkpoint written before AdamTowardInitial is refused with the fix named.
        var text = JsonSerializer.Serialize(defining) + "\n" + data.ManifestSha256 + "\n" + runIdentity + "\n" + OptimizerFormat;
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
