using AligNet.Data;
using AligNet.Data.Runs;
using AligNet.Data.Startup;
using AligNet.Domain.Runs;
using AligNet.Jobs;
using AligNet.Ml.Generation;
using AligNet.Ml.Teacher;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AligNet.Pipelines.Runs;

/// <summary>
/// Runs one attempt of a run: claims it (a finished run does nothing), runs its pipeline, records the outcome, and
/// advances its pipeline if it is a step. Failures that another attempt cannot heal end the run Failed and are
/// rethrown as <see cref="RunInputException"/>, which the contracts exclude from Hangfire's retries; other failures
/// put the run back in the queue while retries are left.
/// </summary>
public sealed class RunExecutor(IDbContextFactory<AligNetDbContext> contexts, RunProgressWriter progressWriter, StorageRoots roots,
    RunLauncher launcher, RunQueueGate queueGate, ILogger<RunExecutor> logger)
{
    public static string WorkerName { get; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    public async Task<string> ExecuteAsync<TParameters>(Guid runId, IRunPipeline<TParameters> pipeline) where TParameters : RunParameters
    {
        await using var db = await contexts.CreateDbContextAsync();
        var ledger = new RunLedger(db);
        Run? run;
        try
        {
            await using var slot = await queueGate.EnterAsync(db, runId);
            run = await ledger.BeginAsync(runId, WorkerName);
            if (slot is not null) await slot.CommitAsync();
        }
        catch (QueueFullException full)
        {
            return await WaitForSlotAsync(runId, full);
        }
        if (run is null)
        {
            var state = await db.Runs.AsNoTracking().Where(r => r.Id == runId).Select(r => (RunState?)r.State).FirstOrDefaultAsync();
            await AdvanceChainAsync(runId);
            return state is null ? $"No run {runId}; nothing to do." : $"Run {runId} is {state}; nothing to do.";
        }

        using var progress = new RunProgressReporter(progressWriter, runId);
        RunContext<TParameters>? context = null;
        try
        {
            context = new RunContext<TParameters>(run, RunParameters.Read<TParameters>(run), roots, db, progress);
            var result = await pipeline.RunAsync(context);
            progress.Flush();
            db.ChangeTracker.Clear();
            await ledger.SucceedAsync(runId, result.Summary, result.ModelVersionId, result.DatasetId);
            logger.LogInformation("Run {RunId} ({Kind}) succeeded: {Summary}", runId, run.Kind, result.Summary);
            await AdvanceChainAsync(runId);
            return result.Summary;
        }
        catch (OperationCanceledException) when (progress.Cancellation.IsCancellationRequested)
        {
            if (context is not null) await pipeline.DiscardAsync(context);
            await EndAsync(runId, RunState.Cancelled, "cancelled on request; nothing was registered");
            return $"Run {runId} cancelled.";
        }
        catch (Exception ex) when (CannotHeal(ex))
        {
            logger.LogWarning("Run {RunId} ({Kind}) failed on its input: {Reason}", runId, run.Kind, ex.Message);
            if (context is not null) await DiscardAsync(pipeline, context);
            await EndAsync(runId, RunState.Failed, ex.Message);
            throw ex as RunInputException ?? new RunInputException(ex.Message, ex);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Run {RunId} ({Kind}) attempt {Attempt} failed", runId, run.Kind, run.Attempts);
            await using var fresh = await contexts.CreateDbContextAsync();
            if (run.Attempts > RunDispatcher.RetryAttempts(run.Kind))
            {
                if (context is not null) await DiscardAsync(pipeline, context);
                await EndAsync(runId, RunState.Failed, $"{ex.GetType().Name}: {ex.Message} (after {run.Attempts} attempts)");
            }
            else
            {
                await new RunLedger(fresh).RetryLaterAsync(runId, $"{ex.GetType().Name}: {ex.Message}");
            }
            throw;
        }
    }

    /// <summary>A run that ends Failed keeps no partial output (checkpoints, unfinished shards); a cleanup failure is only logged.</summary>
    private async Task DiscardAsync<TParameters>(IRunPipeline<TParameters> pipeline, RunContext<TParameters> context) where TParameters : RunParameters
    {
        try
        {
            await pipeline.DiscardAsync(context);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Npgsql.NpgsqlException)
        {
            logger.LogWarning(ex, "Run {RunId}: its partial output could not be removed", context.RunId);
        }
    }

    /// <summary>Over its queue's limit: stays Queued, no attempt counted, asked again later by a new job.</summary>
    private async Task<string> WaitForSlotAsync(Guid runId, QueueFullException full)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var kind = await db.Runs.Where(r => r.Id == runId).Select(r => r.Kind).FirstAsync();
        var jobId = queueGate.Defer(kind, runId);
        await db.Runs.Where(r => r.Id == runId && r.State == RunState.Queued)
            .ExecuteUpdateAsync(r => r.SetProperty(x => x.JobId, jobId).SetProperty(x => x.Outcome, full.Message));
        logger.LogInformation("Run {RunId} waits: {Reason}; asking again in {Delay} (job {JobId})", runId, full.Message, queueGate.RetryDelay, jobId);
        return $"Run {runId} is still queued: {full.Message}; retried as job {jobId}.";
    }

    /// <summary>Bad parameters, missing inputs, validation: the same input fails the same way again.</summary>
    public static bool CannotHeal(Exception ex) => ex is RunInputException or ArgumentException or GenerationException
        or TeacherArtifactException or FileNotFoundException or InvalidDataException or FluentValidation.ValidationException;

    private async Task EndAsync(Guid runId, RunState state, string reason)
    {
        await using var db = await contexts.CreateDbContextAsync();
        await new RunLedger(db).EndAsync(runId, state, reason);
        await AdvanceChainAsync(runId);
    }

    /// <summary>Hands over to the pipeline's next step; also done when a finished step is delivered again, in case the hand-over was lost.</summary>
    private async Task AdvanceChainAsync(Guid runId)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var next = await new PipelineChain(db).AdvanceAsync(runId);
        if (next is not null && next.JobId is null) await launcher.DispatchAsync(db, next);
    }
}
