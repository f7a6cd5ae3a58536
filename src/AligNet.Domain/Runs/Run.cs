namespace AligNet.Domain.Runs;

/// <summary>
/// One piece of background work (embeddings, a teacher, AligNet data, later students and evaluations), from the
/// moment it is asked for until it ends. The caller chooses <see cref="Id"/>, so a retried request or a re-delivered
/// job finds the same row; the job carries only this id. A produced model version or data set takes the run's id
/// where it can, so two executions of one run can never register two versions.
/// </summary>
public class Run
{
    public Guid Id { get; set; }
    public RunKind Kind { get; set; }
    public RunState State { get; set; }

    /// <summary>JSON of the kind's parameter record (<see cref="RunParameters"/>); read it with <c>RunParameters.Read</c>.</summary>
    public required string Parameters { get; set; }

    /// <summary>The stimulus set the run is about (the first one for AligNet data); for filters.</summary>
    public Guid? StimulusSetId { get; set; }

    /// <summary>
    /// What the run would write, e.g. "teacher:{set}:{model}:{version}:seed=42". At most one queued or running run
    /// per key (a partial unique index): two runs that would write the same version are refused.
    /// </summary>
    public string? OutputKey { get; set; }

    /// <summary>Executions started so far (a retry or a re-delivery after a dead worker adds one).</summary>
    public int Attempts { get; set; }

    /// <summary>The worker process that ran the last attempt ("host:pid").</summary>
    public string? Worker { get; set; }

    /// <summary>The Hangfire job that carries the run, for the dashboard.</summary>
    public string? JobId { get; set; }

    public string? RequestedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Set from the UI; the worker stops at its next batch or epoch and the run ends Cancelled.</summary>
    public bool CancelRequested { get; set; }

    /// <summary>JSON of the latest <see cref="RunProgress"/>, written by the worker.</summary>
    public string? Progress { get; set; }

    /// <summary>The last lines the run reported (newest last), for the runs page.</summary>
    public string? LogTail { get; set; }

    /// <summary>How many curve points the run has reported (kept or thinned; <see cref="RunCurvePoint"/>).</summary>
    public int CurvePointsReported { get; set; }

    /// <summary>A one-line result on success; the reason on failure or cancellation.</summary>
    public string? Outcome { get; set; }

    public Guid? ModelVersionId { get; set; }
    public Guid? DatasetId { get; set; }

    /// <summary>A step of a pipeline points at the pipeline's run; steps run in <see cref="StepIndex"/> order.</summary>
    public Guid? ParentRunId { get; set; }
    public int StepIndex { get; set; }

    public bool IsFinished => State is RunState.Succeeded or RunState.Failed or RunState.Cancelled;
}

public enum RunKind
{
    Embeddings,
    Teacher,
    AligNetData,
    Student,
    Evaluation,

    /// <summary>Scores candidate triplets with a study's newest teacher and replaces its adaptive queue (ADR-021).</summary>
    AdaptiveRefill,

    /// <summary>A chain of steps, each a run of its own (<see cref="Run.ParentRunId"/>); it does no work itself.</summary>
    Pipeline,
}

public enum RunState
{
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
}
