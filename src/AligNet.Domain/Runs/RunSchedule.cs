namespace AligNet.Domain.Runs;

/// <summary>
/// A recurring pipeline over one stimulus set: on a cron expression (in <see cref="TimeZone"/>), after every
/// <see cref="EveryNewResponses"/> new valid responses, or both; never twice within <see cref="MinIntervalMinutes"/>.
/// Each firing launches a pipeline run whose id is derived from the schedule and the occasion, so two workers that
/// both see it due start one run.
/// </summary>
public class RunSchedule
{
    public Guid Id { get; set; }
    public Guid StimulusSetId { get; set; }
    public required string Name { get; set; }

    /// <summary>Five fields (minute hour day-of-month month day-of-week); null = data trigger only.</summary>
    public string? Cron { get; set; }

    /// <summary>IANA id, e.g. Europe/Berlin: cron times are read in this zone.</summary>
    public string TimeZone { get; set; } = "UTC";

    public int? EveryNewResponses { get; set; }
    public int MinIntervalMinutes { get; set; } = 60;

    /// <summary>JSON of <see cref="ScheduledPipeline"/>.</summary>
    public required string Pipeline { get; set; }

    public bool Paused { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }

    /// <summary>When it last fired (a cron occurrence or the moment a trigger fired).</summary>
    public DateTimeOffset? LastFiredAt { get; set; }

    /// <summary>Valid responses of the set when it last fired (or was created): the trigger counts from here.</summary>
    public long ResponsesAtLastFire { get; set; }

    public Guid? LastRunId { get; set; }

    /// <summary>Why the last firing was refused (e.g. the previous run still writes the same version).</summary>
    public string? LastError { get; set; }
}

/// <summary>The steps a schedule launches; turned into run parameters when it fires.</summary>
/// <param name="Student">A student on the AligNet data of the same firing (needs <paramref name="AligNetData"/>), <paramref name="StudentSteps"/> steps.</param>
/// <param name="Evaluation">The evaluation suite on the teacher of the same firing (needs <paramref name="Teacher"/>).</param>
/// <param name="StudentOptions">The student's kind and hyper-parameters; null (schedules stored before them) = an embedding student of <paramref name="StudentSteps"/> steps.</param>
public sealed record ScheduledPipeline(bool Embeddings, bool Teacher, string BaseModel, string BaseModelVersion, int TeacherMaxEpochs,
    bool AligNetData, long Triplets, int Clusters = 10, string Mixture = "between_cluster=0.25,within_cluster=0.25,cluster_border=0.25,random=0.25",
    bool Student = false, int StudentSteps = 2000, bool Evaluation = false, StudentSettings? StudentOptions = null)
{
    public StudentSettings StudentSettings => StudentOptions ?? new StudentSettings(Steps: StudentSteps);

    /// <summary>A schedule's <see cref="RunSchedule.Pipeline"/> (web JSON; fields added later take their defaults).</summary>
    public static ScheduledPipeline Read(string json) =>
        System.Text.Json.JsonSerializer.Deserialize<ScheduledPipeline>(json, System.Text.Json.JsonSerializerOptions.Web)
        ?? throw new RunInputException("The schedule has no pipeline: delete it and create it again.");

    public IReadOnlyList<RunParameters> Steps(Guid setId, int seed)
    {
        var steps = new List<RunParameters>();
        if (Embeddings) steps.Add(new EmbeddingsRunParameters(setId));
        if (Teacher) steps.Add(new TeacherRunParameters(setId, BaseModel, BaseModelVersion, seed, AutoPromote: true, MaxEpochs: TeacherMaxEpochs));
        if (AligNetData) steps.Add(new AligNetDataRunParameters([setId], null, Triplets, Clusters, Mixture, seed, ShardSize: (int)Math.Min(Triplets, 1_000_000)));
        if (Student) steps.Add(StudentSettings.ToParameters(setId, datasetId: null, seed));
        if (Evaluation) steps.Add(new EvaluationRunParameters(setId, ModelVersionId: null, Seed: seed));
        return steps;
    }

    /// <summary>What is wrong with the step settings themselves, one sentence each (missing inputs are the launcher's check).</summary>
    public IEnumerable<string> Problems()
    {
        if (Student) foreach (var problem in StudentSettings.Problems(Teacher ? BaseModel : null)) yield return problem;
        if (Student && !AligNetData) yield return "A scheduled student trains on the AligNet data of the same firing: tick AligNet data too.";
        if (Evaluation && !Teacher) yield return "A scheduled evaluation scores the teacher of the same firing: tick Teacher too.";
    }
}
