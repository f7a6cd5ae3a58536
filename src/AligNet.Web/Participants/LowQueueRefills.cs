using System.Collections.Concurrent;
using AligNet.Data;
using AligNet.Data.Participation;
using AligNet.Domain.Models;
using AligNet.Jobs;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Web.Participants;

/// <summary>
/// Asks for a refill run when trial batches find an adaptive study's queue below its low-water mark (ADR-021),
/// off the request: the batch has committed and its response does not wait. Debounced twice: this instance asks
/// at most once a minute per study, and the run's output key lets only one refill per study be queued or running
/// across all instances (a second request is refused and dropped). A study whose set has no teacher yet asks nothing.
/// </summary>
public sealed class LowQueueRefills(IDbContextFactory<AligNetDbContext> contexts, IBackgroundJobClient jobs, TimeProvider clock, ILogger<LowQueueRefills> logger)
    : IAdaptiveQueueMonitor
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> lastAsked = new();

    public void QueueLow(Guid studyId)
    {
        var now = clock.GetUtcNow();
        var previous = lastAsked.GetOrAdd(studyId, DateTimeOffset.MinValue);
        if (now - previous < Quiet || !lastAsked.TryUpdate(studyId, now, previous)) return;
        _ = Task.Run(() => AskAsync(studyId));
    }

    private async Task AskAsync(Guid studyId)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync();
            var setId = await db.Studies.AsNoTracking().Where(s => s.Id == studyId).Select(s => (Guid?)s.StimulusSetId).FirstOrDefaultAsync();
            if (setId is null || !await db.ModelVersions.AnyAsync(m => m.StimulusSetId == setId && m.Kind == ModelKind.Teacher)) return;
            var run = await AdaptiveRefills.TryLaunchAsync(new RunLauncher(contexts, jobs), Guid.NewGuid(), studyId, setId.Value, "system:adaptive-queue-low");
            if (run is not null) logger.LogInformation("Adaptive queue of study {StudyId} is low: refill run {RunId} queued.", studyId, run.Id);
        }
        catch (Exception e)
        {
            // The next low batch after the quiet minute asks again; participants are served from the fallback meanwhile.
            logger.LogWarning(e, "Could not ask for a refill of the adaptive queue of study {StudyId}.", studyId);
        }
    }
}
