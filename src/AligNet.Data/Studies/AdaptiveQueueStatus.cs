using AligNet.Domain.Participation;
using AligNet.Domain.Runs;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Data.Studies;

/// <summary>
/// What the study page shows about an adaptive study's queue (ADR-021): how many triplets wait, which teacher
/// version scored them, the last refill run, and how many main trials each arm has served so far.
/// </summary>
public sealed class AdaptiveQueueStatus(AligNetDbContext db)
{
    public sealed record ArmCount(TrialArm Arm, int Trials, double Share);

    public sealed record RefillRun(Guid RunId, RunState State, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, string? Outcome);

    public sealed record Snapshot(int Depth, Guid? TeacherVersionId, DateTimeOffset? QueuedAt, IReadOnlyList<ArmCount> Arms, RefillRun? LastRefill);

    public async Task<Snapshot> LoadAsync(Guid studyId, CancellationToken ct = default)
    {
        var queue = db.AdaptiveQueue.AsNoTracking().Where(q => q.StudyId == studyId);
        var depth = await queue.CountAsync(ct);
        var newest = await queue.OrderByDescending(q => q.CreatedAt).Select(q => new { q.TeacherVersionId, q.CreatedAt }).FirstOrDefaultAsync(ct);
        var counts = await db.Trials.AsNoTracking()
            .Where(t => t.Arm != null && db.Sessions.Any(s => s.Id == t.SessionId && s.StudyId == studyId))
            .GroupBy(t => t.Arm).Select(g => new { Arm = g.Key!.Value, Trials = g.Count() }).ToListAsync(ct);
        var total = counts.Sum(c => c.Trials);
        var arms = Enum.GetValues<TrialArm>()
            .Select(a => counts.FirstOrDefault(c => c.Arm == a)?.Trials ?? 0)
            .Select((n, a) => new ArmCount((TrialArm)a, n, total == 0 ? 0 : (double)n / total)).ToList();
        var key = AdaptiveRefillRunParameters.Key(studyId);
        var last = await db.Runs.AsNoTracking().Where(r => r.OutputKey == key).OrderByDescending(r => r.CreatedAt)
            .Select(r => new RefillRun(r.Id, r.State, r.CreatedAt, r.FinishedAt, r.Outcome)).FirstOrDefaultAsync(ct);
        return new Snapshot(depth, newest?.TeacherVersionId, newest?.CreatedAt, arms, last);
    }
}
