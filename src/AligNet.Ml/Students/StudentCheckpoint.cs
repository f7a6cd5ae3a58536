using System.Text.Json;
using static TorchSharp.torch;

namespace AligNet.Ml.Students;

/// <summary>The training state beside the tensors: where the run stands and what it must match to be resumed.</summary>
internal sealed record CheckpointState(int Step, string RunKey, double LossSum, int LossSteps, StudentCurvePoint Initial, List<StudentCurvePoint> Curve);

/// <summary>
/// Checkpoints in <c>checkpoints/step-NNNNNNNN/</c>: the module's weights, the initial weights θ₀, the Adam state
/// and <c>state.json</c>, written last, so that a folder without it is an unfinished checkpoint and is ignored.
/// After a new checkpoint is complete the older ones are deleted.
/// </summary>
internal static class StudentCheckpoint
{
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };
    private const string Weights = "weights.dat", Initial = "initial.dat", Optimizer = "optimizer.dat", State = "state.json";

    public static void Save(string root, int step, nn.Module module, IReadOnlyList<Tensor> initial, TorchSharp.Modules.OptimizerHelper adam, CheckpointState state)
    {
        var folder = Path.Combine(root, $"step-{step:D8}");
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        module.save(Path.Combine(folder, Weights));
        using (var writer = new BinaryWriter(File.Create(Path.Combine(folder, Initial))))
        {
            writer.Write(initial.Count);
            foreach (var t in initial)
            {
                var values = t.cpu().data<float>().ToArray();
                writer.Write(values.Length);
                foreach (var v in values) writer.Write(v);
            }
        }
        adam.save_state_dict(Path.Combine(folder, Optimizer));
        AtomicFile.Write(Path.Combine(folder, State), JsonSerializer.SerializeToUtf8Bytes(state, Json));
        foreach (var older in Directory.EnumerateDirectories(root, "step-*").Where(d => string.CompareOrdinal(Path.GetFileName(d), Path.GetFileName(folder)) < 0).ToList())
        {
            Directory.Delete(older, recursive: true);
        }
    }

    /// <summary>Restores the latest complete checkpoint into the module, θ₀ and Adam; null when there is none.</summary>
    public static CheckpointState? TryRestore(string root, string runKey, nn.Module module, IReadOnlyList<Tensor> initial, TorchSharp.Modules.OptimizerHelper adam)
    {
        if (!Directory.Exists(root)) return null;
        var latest = Directory.EnumerateDirectories(root, "step-*").Where(d => File.Exists(Path.Combine(d, State))).Order(StringComparer.Ordinal).LastOrDefault();
        if (latest is null) return null;
        var state = JsonSerializer.Deserialize<CheckpointState>(File.ReadAllBytes(Path.Combine(latest, State)), Json)
            ?? throw new StudentDataException($"{latest}/{State} is empty: delete {root} to start the run afresh.");
        if (state.RunKey != runKey)
        {
            throw new StudentDataException($"the checkpoints in {root} belong to a run with other options or another data set: " +
                "rerun with the same arguments to resume it, or choose a new --out folder.");
        }
        module.load(Path.Combine(latest, Weights));
        using (var reader = new BinaryReader(File.OpenRead(Path.Combine(latest, Initial))))
        {
            if (reader.ReadInt32() != initial.Count) throw new StudentDataException($"{latest} holds another network's initial weights: choose a new --out folder.");
            using var _ = no_grad();
            foreach (var t in initial)
            {
                var values = new float[reader.ReadInt32()];
                if (values.Length != t.numel()) throw new StudentDataException($"{latest} holds another network's initial weights: choose a new --out folder.");
                for (var i = 0; i < values.Length; i++) values[i] = reader.ReadSingle();
                t.copy_(tensor(values, t.shape));
            }
        }
        adam.load_state_dict(Path.Combine(latest, Optimizer));
        return state;
    }
}
