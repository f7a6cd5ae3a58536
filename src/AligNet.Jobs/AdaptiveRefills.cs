using System.Security.Cryptography;
using System.Text;
using AligNet.Data;
using AligNet.Data.Runs;
using AligNet.Domain.Models;
using AligNet.Domain.Runs;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Jobs;

/// <summary>
/// The three ways an adaptive study's queue gets refilled (ADR-115a): after a teacher version registers (one refill
/// per adaptive study of its set, with a run id derived from version and study, so a retried teacher job asks once),
/// by hand from the study page, and when trial batches find the queue low. At most one refill per study is queued or
/// running (the run's output key); a request meanwhile is refused and reported, not stacked.
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
            var runId = DerivedId($"refill:{teacherVersionId}:{study}");
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

    private static Guid DerivedId(string text) => new(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16));
}
