using System.Security.Cryptography;
using System.Text;
using AligNet.Data;
using AligNet.Data.Runs;
using AligNet.Domain.Models;
using AligNet.Domain.Runs;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Jobs;

/// <summary>
/// The three ways an adaptive study's queue gets refilled (ADR-021): after a teacher version registers (one refill
/// per adaptive study of its set, with a run id derived from version and study, so a retried teacher job asks once),
/// by hand from the study page, and when trial batches find the queue low. At most one refill per study is queued or
/// running (the run's output key); a request meanwhile is refused and reported, not stacked. A refused request for a
/// newer teacher is not lost: every refill that ends looks for a teacher newer than the one it scored with and launches
/// that teacher's refill itself (<see cref="AfterRefillAsync"/>).
/// </summary>
public static class AdaptiveRefills
{
    /// <summary>Launches a refill for every adaptive study on the teacher's set; returns the runs launched.</summary>
    public static async Task<IReadOnlyList<Guid>> AfterTeacherAsync(RunLauncher launcher, AligNetDbContext db, Guid teacherVersionId, string requestedBy, CancellationToken ct = default)
    {
        var setId = await db.ModelVersions.AsNoTracking().Where(m => m.Id == teacherVersionId && m.Kind == ModelKind.Teacher)
            .Select(m => (Guid?)m.StimulusSetId).FirstOrDefaultAsync(ct);
        if (setId is null) return [];
        var studies = await db.Studies.AsNoTracking().Where(s => s.StimulusSetId == setId && s.AdaptiveSampling).Select(s => s.Id).ToListAsync(ct);
        var launched = new List<Guid>();
        foreach (var study in studies)
        {
            var runId = TeacherRefillId(teacherVersionId, study);
            if (await TryLaunchAsync(launcher, runId, study, setId.Value, requestedBy, ct) is not null) launched.Add(runId);
        }
        return launched;
    }

    /// <summary>Launches a refill of one study; null when it is refused (one already queued or running, no teacher yet).</summary>
    public static async Task<Run?> TryLaunchAsync(RunLauncher launcher, Guid runId, Guid studyId, Guid setId, string requestedBy, CancellationToken ct = default)
    {
        try
        {
            return await LaunchAsync(launcher, runId, studyId, setId, requestedBy, ct);
        }
        catch (RunRefusedException)
        {
            return null;
        }
    }

    /// <summary>Launches a refill of one study; throws <see cref="RunRefusedException"/> with the reason when it cannot.</summary>
    public static Task<Run> LaunchAsync(RunLauncher launcher, Guid runId, Guid studyId, Guid setId, string requestedBy, CancellationToken ct = default) =>
        launcher.LaunchAsync(runId, new AdaptiveRefillRunParameters(studyId, setId), requestedBy, ct);

    /// <summary>
    /// Closes the loop after a refill ended (ADR-021): when the set's newest teacher is not the one the refill scored
    /// with (it registered while the refill was queued or running, so its own refill was refused; or the refill failed),
    /// launches that teacher's refill with the id the teacher job would have used, so the two never make two runs and a
    /// redelivered job asks nothing new. Correct without a lock: a teacher refused by this run's output key registered
    /// before this run's end committed, so the read below, made after it, sees it. Cancelled runs are left alone (a
    /// person stopped them). Returns the run launched or found, or null.
    /// </summary>
    public static async Task<Guid?> AfterRefillAsync(RunLauncher launcher, AligNetDbContext db, Guid refillRunId, CancellationToken ct = default)
    {
        var run = await db.Runs.AsNoTracking().FirstOrDefaultAsync(r => r.Id == refillRunId && r.Kind == RunKind.AdaptiveRefill
            && (r.State == RunState.Succeeded || r.State == RunState.Failed), ct);
        if (run is null) return null;
        var p = RunParameters.Read<AdaptiveRefillRunParameters>(run);
        var newest = await NewestTeacher(db, p.SetId).Select(m => (Guid?)m.Id).FirstOrDefaultAsync(ct);
        if (newest is null || newest == run.ModelVersionId) return null;
        var followUp = await TryLaunchAsync(launcher, TeacherRefillId(newest.Value, p.StudyId), p.StudyId, p.SetId, $"system:refill/{refillRunId}", ct);
        return followUp?.Id;
    }

    /// <summary>The teacher a refill scores with: the set's newest (one definition for the refill and its follow-up).</summary>
    public static IQueryable<ModelVersion> NewestTeacher(AligNetDbContext db, Guid setId) => db.ModelVersions.AsNoTracking()
        .Where(m => m.StimulusSetId == setId && m.Kind == ModelKind.Teacher).OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id);

    /// <summary>The refill run id of a teacher version and a study: whoever asks for it (teacher job or follow-up) gets one run.</summary>
    public static Guid TeacherRefillId(Guid teacherVersionId, Guid studyId) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"refill:{teacherVersionId}:{studyId}")).AsSpan(0, 16));
}
