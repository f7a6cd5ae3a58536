using System.Text.Json;
using System.Text.Json.Serialization;

namespace AligNet.Domain.Runs;

/// <summary>
/// The typed parameters of a run, one record per kind, stored as JSON on <see cref="Run.Parameters"/>. The record
/// names its kind, what it would write (<see cref="OutputKey"/>) and the stimulus set it concerns, so the launcher
/// needs nothing else. A new kind adds a record here (and a contract in AligNet.Jobs; see the README, "Adding a run kind").
/// </summary>
public abstract record RunParameters
{
    [JsonIgnore] public abstract RunKind Kind { get; }
    [JsonIgnore] public abstract Guid? StimulusSetId { get; }

    /// <summary>What the run would write; two queued or running runs with one key are refused. Null = no clash possible.</summary>
    [JsonIgnore] public virtual string? OutputKey => null;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Write(RunParameters parameters) => JsonSerializer.Serialize(parameters, parameters.GetType(), Json);

    public static T Read<T>(Run run) where T : RunParameters =>
        JsonSerializer.Deserialize<T>(run.Parameters, Json) ?? throw new RunInputException($"Run {run.Id} has no parameters.");
}

/// <summary>ResNet18 embeddings of every image of a stimulus set.</summary>
public sealed record EmbeddingsRunParameters(Guid SetId) : RunParameters
{
    public override RunKind Kind => RunKind.Embeddings;
    public override Guid? StimulusSetId => SetId;
    public override string OutputKey => $"embeddings:{SetId}";
}

/// <summary>A teacher on a set's human judgments and one base model's embeddings.</summary>
/// <param name="MaxEpochs">Null = the trainer's default; small values for tests and quick looks.</param>
/// <param name="LambdaGrid">Null = the trainer's default grid.</param>
/// <param name="Patience">Epochs without a better validation loss before early stopping; null = the trainer's default.</param>
public sealed record TeacherRunParameters(Guid SetId, string BaseModel, string BaseModelVersion, int Seed = 42, bool AutoPromote = true,
    int? MaxEpochs = null, IReadOnlyList<double>? LambdaGrid = null, int? Patience = null) : RunParameters
{
    public override RunKind Kind => RunKind.Teacher;
    public override Guid? StimulusSetId => SetId;
    public override string OutputKey => $"teacher:{SetId}:{BaseModel}:{BaseModelVersion}:seed={Seed}";
}

/// <summary>AligNet data labelled by a teacher; the run's id is the data set's id.</summary>
/// <param name="TeacherVersionId">Null = the teacher of the same pipeline's teacher step, else the set's active teacher.</param>
public sealed record AligNetDataRunParameters(IReadOnlyList<Guid> SetIds, Guid? TeacherVersionId, long Count, int Clusters,
    string Mixture, long Seed = 42, long? Validation = null, int ShardSize = 1_000_000) : RunParameters
{
    public override RunKind Kind => RunKind.AligNetData;
    public override Guid? StimulusSetId => SetIds.Count > 0 ? SetIds[0] : null;
}

/// <summary>A chain of steps over one stimulus set; each step is a run of its own with its own parameters.</summary>
public sealed record PipelineRunParameters(Guid SetId, IReadOnlyList<RunKind> Steps) : RunParameters
{
    public override RunKind Kind => RunKind.Pipeline;
    public override Guid? StimulusSetId => SetId;
}

/// <summary>A student fine-tuned on a complete AligNet data set; the run's id is the student's model version id.</summary>
/// <param name="DatasetId">Null = the data set of the same pipeline's AligNet-data step.</param>
/// <param name="SetId">The stimulus set the run concerns (runs page, preconditions); the data set's first set.</param>
/// <param name="Head">linear or mlp.</param>
/// <param name="Objective">jsd or kl.</param>
/// <param name="ValidateEvery">Null = the trainer's default; small values for tests and quick looks.</param>
/// <param name="TrainFrom">Null = an embedding student (a head over the pool's base features); all, layer1 … layer4 = an
/// image student (the trainable ResNet18 over the pool's images, trained from that stage; needs a ResNet18 base model).</param>
/// <param name="LinearHead">Image students: a 512 × 512 linear head at the identity after the pool.</param>
/// <param name="BatchNorm">Image students: frozen (running statistics) or batch.</param>
/// <param name="PrefixCache">Image students: disk (the shared, pruned cache under the artifact root), memory or none.</param>
/// <param name="Temperature">τ_s; null = calibrated: the teacher's fitted base-model temperature × the pool's mean ‖x‖², so
/// the untrained student is the calibrated base model whatever the scale of the features.</param>
public sealed record StudentRunParameters(Guid SetId, Guid? DatasetId, string Head = "linear", string Objective = "jsd", double? Temperature = null,
    double Decay = 1.0, int Steps = 2000, int Batch = 512, double LearningRate = 1e-3, int Seed = 42, int? ValidateEvery = null,
    string? TrainFrom = null, bool LinearHead = true, string BatchNorm = "frozen", string PrefixCache = "disk") : RunParameters
{
    public override RunKind Kind => RunKind.Student;
    public override Guid? StimulusSetId => SetId;

    /// <summary>One line for the runs page, e.g. "image student from layer4, linear head, BatchNorm frozen, disk cache; 20 steps × 32, lr 1e-05, …".</summary>
    public string Describe()
    {
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        var what = TrainFrom is null ? $"embedding student, {Head} head"
            : $"image student from {TrainFrom}, {(LinearHead ? "linear head" : "no head")}, BatchNorm {BatchNorm}, {PrefixCache} cache";
        var tau = Temperature is { } t ? t.ToString("g4", invariant) : "calibrated";
        return string.Create(invariant, $"{what}; {Steps} steps × {Batch}, lr {LearningRate:g4}, decay {Decay:g4}, τ_s {tau}, {Objective}, seed {Seed}");
    }
}

/// <summary>
/// Refills an adaptive study's queue (ADR-021): the set's newest teacher scores <paramref name="Candidates"/> random
/// triplets of the study's stimuli and the best <paramref name="Keep"/> replace the queue in one transaction.
/// One queued or running refill per study (<see cref="OutputKey"/>): a second request while one waits is refused,
/// which debounces the low-queue trigger.
/// </summary>
/// <param name="Seed">Seeds the candidate draw; null = derived from the run id, so every refill draws new candidates.</param>
public sealed record AdaptiveRefillRunParameters(Guid StudyId, Guid SetId, int Candidates = AdaptiveRefillRunParameters.DefaultCandidates,
    int Keep = AdaptiveRefillRunParameters.DefaultKeep, int? Seed = null) : RunParameters
{
    public const int DefaultCandidates = 20_000;
    public const int DefaultKeep = 2_000;

    public override RunKind Kind => RunKind.AdaptiveRefill;
    public override Guid? StimulusSetId => SetId;
    public override string OutputKey => Key(StudyId);

    public static string Key(Guid studyId) => $"adaptive-refill:{studyId}";
}

/// <summary>The evaluation suite on a model version's held-out test split; the run's id is the evaluation's id.</summary>
/// <param name="ModelVersionId">Null = the teacher of the same pipeline's teacher step.</param>
/// <param name="Cuda">An image student's ResNet18 runs on a GPU when the worker has one (default: the CPU, like the default queue's workers).</param>
public sealed record EvaluationRunParameters(Guid SetId, Guid? ModelVersionId, int Bootstrap = 1000, long Seed = 0, bool Cuda = false) : RunParameters
{
    public override RunKind Kind => RunKind.Evaluation;
    public override Guid? StimulusSetId => SetId;
}
