using AligNet.Data;
using AligNet.Data.Audit;
using AligNet.Data.Runs;
using AligNet.Domain.Audit;
using AligNet.Domain.Runs;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AligNet.Jobs;

/// <summary>
/// Starts runs for the web pages, the CLI and schedules: checks the inputs, writes the run row (a pipeline with all
/// its steps) and its audit entry in one transaction, then hands the first job to Hangfire. The caller chooses the
/// id: launching the same id again returns the existing run instead of a second one.
/// </summary>
public sealed class RunLauncher(IDbContextFactory<AligNetDbContext> contexts, IBackgroundJobClient jobs)
{
    public Task<Run> LaunchAsync(Guid runId, RunParameters parameters, string requestedBy, CancellationToken ct = default) =>
        LaunchCoreAsync(runId, parameters, [], requestedBy, ct);

    /// <summary>A pipeline over one stimulus set: each step a run of its own, run one after the other.</summary>
    public Task<Run> LaunchPipelineAsync(Guid runId, Guid setId, IReadOnlyList<RunParameters> steps, string requestedBy, CancellationToken ct = default)
    {
        if (steps.Count == 0) throw new RunRefusedException("A pipeline needs at least one step.");
        return LaunchCoreAsync(runId, new PipelineRunParameters(setId, [.. steps.Select(s => s.Kind)]), steps, requestedBy, ct);
    }

    private async Task<Run> LaunchCoreAsync(Guid runId, RunParameters parameters, IReadOnlyList<RunParameters> steps, string requestedBy, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var existing = await db.Runs.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, ct);
        if (existing is not null)
        {
            return existing.Kind == parameters.Kind ? existing
                : throw new RunRefusedException($"Run id {runId} is already taken by a {existing.Kind} run; choose a new id.");
        }

        await RunPreconditions.CheckAsync(db, parameters, [], ct);
        for (var i = 0; i < steps.Count; i++) await RunPreconditions.CheckAsync(db, steps[i], [.. steps.Take(i).Select(s => s.Kind)], ct);

        var now = DateTimeOffset.UtcNow;
        var run = NewRun(runId, parameters, requestedBy, now);
        db.Runs.Add(run);
        var stepRuns = steps.Select((s, i) => NewRun(Guid.NewGuid(), s, requestedBy, now, runId, i)).ToList();
        db.Runs.AddRange(stepRuns);
        if (stepRuns.Count > 0) run.State = RunState.Running;
        AuditTrail.Add(db, requestedBy, AuditActions.JobSchedule, $"run/{runId}",
            new { kind = parameters.Kind.ToString(), parameters = RunParameters.Write(parameters), steps = steps.Select(s => s.Kind.ToString()) });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { ConstraintName: RunLedger.OneActivePerOutput })
        {
            throw new RunRefusedException(await ClashMessageAsync(contexts, [parameters, .. steps], ct), ex);
        }

        var first = stepRuns.FirstOrDefault() ?? run;
        await DispatchAsync(db, first, ct);
        await RunNotifications.NotifyAsync(db, [runId], ct);
        return run;
    }

    /// <summary>Hands a queued run to Hangfire and records the job id; used for the first run and for each next pipeline step.</summary>
    public async Task DispatchAsync(AligNetDbContext db, Run run, CancellationToken ct = default)
    {
        run.JobId = RunDispatcher.Enqueue(jobs, run.Kind, run.Id);
        await db.Runs.Where(r => r.Id == run.Id).ExecuteUpdateAsync(r => r.SetProperty(x => x.JobId, run.JobId), ct);
    }

    private static Run NewRun(Guid id, RunParameters parameters, string requestedBy, DateTimeOffset now, Guid? parent = null, int step = 0) => new()
    {
        Id = id, Kind = parameters.Kind, State = RunState.Queued, Parameters = RunParameters.Write(parameters),
        StimulusSetId = parameters.StimulusSetId, OutputKey = parameters.OutputKey, RequestedBy = requestedBy,
        CreatedAt = now, ParentRunId = parent, StepIndex = step,
    };

    private static async Task<string> ClashMessageAsync(IDbContextFactory<AligNetDbContext> contexts, IReadOnlyList<RunParameters> wanted, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var keys = wanted.Select(w => w.OutputKey).OfType<string>().ToList();
        var clash = await db.Runs.AsNoTracking()
            .Where(r => r.OutputKey != null && keys.Contains(r.OutputKey) && (r.State == RunState.Queued || r.State == RunState.Running))
            .FirstOrDefaultAsync(ct);
        return clash is null
            ? "Another run that writes the same version was queued at the same moment; look at the runs page and try again if it is not there."
            : $"A {clash.Kind} run that would write the same version is already {clash.State.ToString().ToLowerInvariant()} (run {clash.Id}): wait for it to finish, cancel it on the runs page, or change the seed.";
    }
}
