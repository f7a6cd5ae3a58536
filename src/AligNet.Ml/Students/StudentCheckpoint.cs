using System.Text.Json;
using static TorchSharp.torch;

namespace AligNet.Ml.Students;

/// <summary>The training state beside the tensors: where the run stands and what it must match to be resumed.</summary>
internal sealed record CheckpointState(int Step, string RunKey, double LossSum, int LossSteps, StudentCurvePoint Initial, List<StudentCurvePoint> Curve);

/// <summary>
/// Checkpoints in <c>checkpoints/step-NNNNNNNN/</c>: the module's weights, the optimizer's state (t, θ₀ and Adam's
/// moments) and <c>state.json</c>, written last, so that a folder without it is an unfinished checkpoint and is ignored.
/// After a new checkpoint is complete the older ones are deleted.
/// </summary>
internal static class StudentCheckpoint
{
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };
    private const string Weights = "weights.dat", Optimizer = "optimizer.dat", State = "state.json";

    public static void Save(string root, int step, nn.Module module, AdamTowardInitial adam, CheckpointState state)
    {
        var folder = Path.Combine(root, $"step-{step:D8}");
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        module.save(Path.Combine(folder, Weights));
        using (var writer = new BinaryWriter(File.Create(Path.Combine(folder, Optimizer)))) adam.Save(writer);
        AtomicFile.Write(Path.Combine(folder, State), JsonSerializer.SerializeToUtf8Bytes(state, Json));
        foreach (var older in Directory.EnumerateDirectories(root, "step-*").Where(d => string.CompareOrdinal(Path.GetFileName(d), Path.GetFileName(folder)) < 0).ToList())
        {
            Directory.Delete(older, recursive: true);
        }
    }

    /// <summary>Restores the latest complete checkpoint into the module and the optimizer (θ₀, moments, t); null when there is none.</summary>
    public static CheckpointState? TryRestore(string root, string runKey, nn.Module module, AdamTowardInitial adam)
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
        using (var reader = new BinaryReader(File.OpenRead(Path.Combine(latest, Optimizer)))) adam.Load(reader, Path.Combine(latest, Optimizer));
        return state;
    }
}
