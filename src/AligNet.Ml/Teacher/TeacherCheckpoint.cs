using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using AligNet.Evaluation.Embeddings;
using AligNet.Evaluation.Triplets;
using TorchSharp.Modules;

namespace AligNet.Ml.Teacher;

/// <summary>Where training at one λ stands after an epoch: enough to continue it bit for bit (with the Adam state).</summary>
internal sealed record FitState(int Epoch, double BestLoss, int Stale, long Trained, double Seconds,
    float[] Weight, float[] Bias, float[] BestWeight, float[] BestBias, List<TrainingEpoch> Curve);

/// <summary>
/// Checkpoints of one teacher training in <c>{root}/fit-LL-epoch-EEEEE/</c>: the weights (current and best of the λ
/// in progress, and those of every finished λ) in <c>arrays.bin</c>, the Adam state in <c>optimizer.dat</c>, and
/// <c>state.json</c>, written last, so that a folder without it is unfinished and ignored. Older folders are deleted
/// once a new one is complete. A checkpoint of other inputs or options (its run key differs) is deleted, not resumed:
/// the run's data changed between attempts, so training starts afresh.
/// </summary>
internal sealed class TeacherCheckpoint
{
    private sealed record CompletedFit(double Lambda, double ValidationLoss, List<TrainingEpoch> Curve, double TripletsPerSecond);

    private sealed record State(string RunKey, int LambdaIndex, int Epoch, double BestLoss, int Stale, long Trained, double Seconds,
        List<TrainingEpoch> Curve, List<CompletedFit> Completed);

    private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };
    private const string Arrays = "arrays.bin", Optimizer = "optimizer.dat", StateFile = "state.json";

    private readonly string root;
    private readonly string runKey;
    private readonly List<FitOutcome> completed = [];
    private (int LambdaIndex, string Folder, FitState State)? partial;

    private TeacherCheckpoint(string root, string runKey) => (this.root, this.runKey) = (root, runKey);

    /// <summary>The λ fits finished before the last checkpoint, in grid order.</summary>
    public IReadOnlyList<FitOutcome> Completed => completed;

    /// <summary>Where the restored training stood (λ index, epoch); null when it starts afresh.</summary>
    public (int LambdaIndex, int Epoch)? ResumedAt { get; private set; }

    /// <summary>Opens <paramref name="root"/>, restoring its latest complete checkpoint when it belongs to this training.</summary>
    public static TeacherCheckpoint Open(string root, string runKey)
    {
        var checkpoint = new TeacherCheckpoint(root, runKey);
        var latest = Directory.Exists(root)
            ? Directory.EnumerateDirectories(root, "fit-*").Where(d => File.Exists(Path.Combine(d, StateFile))).Order(StringComparer.Ordinal).LastOrDefault()
            : null;
        var state = latest is null ? null : JsonSerializer.Deserialize<State>(File.ReadAllBytes(Path.Combine(latest, StateFile)), Json);
        if (state is null || state.RunKey != runKey)
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
            return checkpoint;
        }
        using var reader = new BinaryReader(File.OpenRead(Path.Combine(latest!, Arrays)));
        var fit = new FitState(state.Epoch, state.BestLoss, state.Stale, state.Trained, state.Seconds,
            ReadArray(reader), ReadArray(reader), ReadArray(reader), ReadArray(reader), state.Curve);
        foreach (var c in state.Completed)
        {
            checkpoint.completed.Add(new FitOutcome(c.Lambda, ReadArray(reader), ReadArray(reader), c.ValidationLoss, c.Curve, c.TripletsPerSecond));
        }
        checkpoint.partial = (state.LambdaIndex, latest!, fit);
        checkpoint.ResumedAt = (state.LambdaIndex, state.Epoch);
        return checkpoint;
    }

    /// <summary>A λ finished: kept for the next checkpoint.</summary>
    public void Complete(FitOutcome fit) => completed.Add(fit);

    /// <summary>The saved state of λ number <paramref name="lambdaIndex"/>, its Adam state loaded into <paramref name="adam"/>; null if none.</summary>
    public FitState? Restore(int lambdaIndex, OptimizerHelper adam)
    {
        if (partial is not { } p || p.LambdaIndex != lambdaIndex) return null;
        adam.load_state_dict(Path.Combine(p.Folder, Optimizer));
        return p.State;
    }

    public void Save(int lambdaIndex, FitState fit, OptimizerHelper adam)
    {
        var folder = Path.Combine(root, $"fit-{lambdaIndex:D2}-epoch-{fit.Epoch:D5}");
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        using (var writer = new BinaryWriter(File.Create(Path.Combine(folder, Arrays))))
        {
            foreach (var values in new[] { fit.Weight, fit.Bias, fit.BestWeight, fit.BestBias }.Concat(completed.SelectMany(c => new[] { c.Weight, c.Bias })))
            {
                WriteArray(writer, values);
            }
        }
        adam.save_state_dict(Path.Combine(folder, Optimizer));
        var state = new State(runKey, lambdaIndex, fit.Epoch, fit.BestLoss, fit.Stale, fit.Trained, fit.Seconds, fit.Curve,
            [.. completed.Select(c => new CompletedFit(c.Lambda, c.ValidationLoss, [.. c.Curve], c.TripletsPerSecond))]);
        AtomicFile.Write(Path.Combine(folder, StateFile), JsonSerializer.SerializeToUtf8Bytes(state, Json));
        foreach (var older in Directory.EnumerateDirectories(root, "fit-*").Where(d => string.CompareOrdinal(Path.GetFileName(d), Path.GetFileName(folder)) < 0).ToList())
        {
            Directory.Delete(older, recursive: true);
        }
    }

    /// <summary>What defines a training: its options and the exact embeddings, responses (in order) and local pool.</summary>
    public static string RunKey(TeacherOptions options, EmbeddingMatrix embeddings, IReadOnlyList<TripletResponse> responses, EmbeddingMatrix? localPool)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(options, Json)));
        hash.AppendData(Encoding.UTF8.GetBytes(EmbeddingFingerprint.Of(embeddings).Sha256));
        if (localPool is not null) hash.AppendData(Encoding.UTF8.GetBytes("pool " + EmbeddingFingerprint.Of(localPool).Sha256));
        Span<byte> triplet = stackalloc byte[12];
        foreach (var r in responses)
        {
            BinaryPrimitives.WriteInt32LittleEndian(triplet, r.I);
            BinaryPrimitives.WriteInt32LittleEndian(triplet[4..], r.J);
            BinaryPrimitives.WriteInt32LittleEndian(triplet[8..], r.K);
            hash.AppendData(triplet);
            hash.AppendData(Encoding.UTF8.GetBytes((r.Subject ?? "") + "\n"));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void WriteArray(BinaryWriter writer, float[] values)
    {
        writer.Write(values.Length);
        foreach (var v in values) writer.Write(v);
    }

    private static float[] ReadArray(BinaryReader reader)
    {
        var values = new float[reader.ReadInt32()];
        for (var i = 0; i < values.Length; i++) values[i] = reader.ReadSingle();
        return values;
    }
}
