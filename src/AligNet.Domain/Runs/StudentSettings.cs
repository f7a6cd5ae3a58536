using System.Globalization;

namespace AligNet.Domain.Runs;

/// <summary>
/// The student an admin picks in the pipeline launcher or a schedule: an embedding student (a head over the base
/// features) or an image student (the trainable ResNet18, ADR-023), with the hyper-parameters the Student run accepts.
/// Checked here, one sentence per problem naming the fix, so the form, the schedule editor and the tests share one rule.
/// </summary>
/// <param name="Kind">embedding or image.</param>
/// <param name="Head">Embedding students: linear or mlp.</param>
/// <param name="TrainFrom">Image students: all, layer1 … layer4 (earlier stages frozen, their output cached).</param>
/// <param name="LinearHead">Image students: a 512 × 512 linear head at the identity.</param>
/// <param name="BatchNorm">Image students: frozen (running statistics) or batch.</param>
/// <param name="PrefixCache">Image students: disk (shared cache under the artifact root), memory (this run only) or none.</param>
/// <param name="Seed">Null = the pipeline's seed.</param>
/// <param name="Temperature">τ_s; null = calibrated (see <see cref="StudentRunParameters"/>).</param>
public sealed record StudentSettings(string Kind = StudentSettings.Embedding, int Steps = 2000, int Batch = 512, double LearningRate = 1e-3,
    double Decay = 1.0, double? Temperature = null, string Objective = "jsd", int? Seed = null, string Head = "linear",
    string TrainFrom = "layer4", bool LinearHead = true, string BatchNorm = "frozen", string PrefixCache = "disk")
{
    public const string Embedding = "embedding", Image = "image";
    public static readonly string[] Kinds = [Embedding, Image], Heads = ["linear", "mlp"], Objectives = ["jsd", "kl"],
        Stages = ["all", "layer1", "layer2", "layer3", "layer4"], BatchNormPolicies = ["frozen", "batch"], CacheModes = ["disk", "memory", "none"];

    /// <summary>The base model an image student is: the packaged ResNet18 (its features are the pool the data was generated over).</summary>
    public const string ImageBaseModel = "resnet18-onnx";

    public bool IsImage => Kind == Image;

    /// <param name="baseModel">The base model of the teacher trained in the same pipeline; null when the pipeline trains none.</param>
    public IEnumerable<string> Problems(string? baseModel = null)
    {
        if (!Kinds.Contains(Kind)) yield return $"Student kind must be embedding or image, not '{Kind}'.";
        if (Steps is < 1 or > 10_000_000) yield return $"Student steps must be from 1 to 10,000,000, not {Steps}.";
        if (Batch is < 1 or > 1_000_000) yield return $"Student batch must be from 1 to 1,000,000 triplets, not {Batch}.";
        if (!(LearningRate > 0 && LearningRate < 1)) yield return $"Student learning rate must lie between 0 and 1 (e.g. 1e-3 for a head, 1e-5 for layer4), not {LearningRate.ToString(CultureInfo.InvariantCulture)}.";
        if (!(Decay >= 0) || !double.IsFinite(Decay)) yield return $"Student decay toward the initial weights must be 0 or more, not {Decay.ToString(CultureInfo.InvariantCulture)}.";
        if (Temperature is { } tau && (!(tau > 0) || !double.IsFinite(tau)))
            yield return $"Student temperature τ_s must be positive (or empty for the calibrated one), not {tau.ToString(CultureInfo.InvariantCulture)}.";
        if (!Objectives.Contains(Objective)) yield return $"Student objective must be jsd or kl, not '{Objective}'.";
        if (Seed is < 0) yield return $"Student seed must be 0 or more (or empty for the pipeline's), not {Seed}.";
        if (!IsImage)
        {
            if (!Heads.Contains(Head)) yield return $"An embedding student's head must be linear or mlp, not '{Head}'.";
            yield break;
        }
        if (!Stages.Contains(TrainFrom)) yield return $"Train from must be all, layer1, layer2, layer3 or layer4, not '{TrainFrom}'.";
        if (!BatchNormPolicies.Contains(BatchNorm)) yield return $"BatchNorm must be frozen or batch, not '{BatchNorm}'.";
        if (!CacheModes.Contains(PrefixCache)) yield return $"Prefix cache must be disk, memory or none, not '{PrefixCache}'.";
        if (baseModel is not null && baseModel != ImageBaseModel)
            yield return $"An image student is the {ImageBaseModel} network, so its teacher must be over {ImageBaseModel} embeddings, not '{baseModel}': set the base model to {ImageBaseModel}, or choose an embedding student.";
    }

    public StudentRunParameters ToParameters(Guid setId, Guid? datasetId, int pipelineSeed) => new(setId, datasetId, Head, Objective, Temperature, Decay,
        Steps, Batch, LearningRate, Seed ?? pipelineSeed, ValidateEvery: null, IsImage ? TrainFrom : null, LinearHead, BatchNorm, PrefixCache);
}
