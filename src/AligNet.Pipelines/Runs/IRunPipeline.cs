using AligNet.Data;
using AligNet.Data.Startup;
using AligNet.Domain.Runs;

namespace AligNet.Pipelines.Runs;

/// <summary>
/// The work of one run kind, given its typed parameters. <see cref="RunExecutor"/> does the rest (state, attempts,
/// retries, progress, cancellation, pipeline chaining). To add a kind: implement this, derive a contract from
/// <c>IRunJob</c> in AligNet.Jobs, and register both with <c>AddRunKind</c> (README, "Adding a run kind").
/// </summary>
public interface IRunPipeline<TParameters> where TParameters : RunParameters
{
    Task<RunResult> RunAsync(RunContext<TParameters> run);

    /// <summary>Removes what a cancelled or finally failed attempt left (a half-written data set, checkpoints); never a registered version.</summary>
    Task DiscardAsync(RunContext<TParameters> run) => Task.CompletedTask;
}

/// <summary>What a run produced: a summary line and the version it registered (whose id should be the run's id).</summary>
public sealed record RunResult(string Summary, Guid? ModelVersionId = null, Guid? DatasetId = null);

/// <summary>Everything a pipeline gets: the run (id, attempt), its parameters, the roots, a database, progress and cancellation.</summary>
public sealed record RunContext<TParameters>(Run Run, TParameters Parameters, StorageRoots Roots, AligNetDbContext Db, RunProgressReporter Progress)
    where TParameters : RunParameters
{
    public Guid RunId => Run.Id;

    /// <summary>Cancelled when someone cancels the run; pipelines check it between batches.</summary>
    public CancellationToken Cancellation => Progress.Cancellation;
}
