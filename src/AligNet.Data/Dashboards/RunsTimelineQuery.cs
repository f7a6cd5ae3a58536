using AligNet.Data.Access;
using AligNet.Domain.Models;
using AligNet.Domain.Runs;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Data.Dashboards;

/// <summary>The runs timeline: runs of the last days (of sets the caller may see, or of no set) and one run's curves.</summary>
public sealed class RunsTimelineQuery(AligNetDbContext db, StaffAccess access)
{
    public sealed record TimelineRun(Guid Id, RunKind Kind, RunState State, Guid? StimulusSetId, DateTimeOffset CreatedAt,
        DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, Guid? ModelVersionId, string? Progress, string? Outcome);

    public Task<List<TimelineRun>> RunsAsync(DateTimeOffset since, Guid? setId, CancellationToken ct = default)
    {
        var sets = access.StimulusSets();
        var runs = db.Runs.AsNoTracking().Where(r => r.CreatedAt >= since && r.Kind != RunKind.Pipeline)
            .Where(r => r.StimulusSetId == null || sets.Any(s => s.Id == r.StimulusSetId));
        if (setId is { } id) runs = runs.Where(r => r.StimulusSetId == id);
        return runs.OrderBy(r => r.CreatedAt).Take(1000)
            .Select(r => new TimelineRun(r.Id, r.Kind, r.State, r.StimulusSetId, r.CreatedAt, r.StartedAt, r.FinishedAt, r.ModelVersionId, r.Progress, r.Outcome))
            .ToListAsync(ct);
    }

    /// <summary>The curve points a run reported (as kept, <see cref="RunCurvePoint"/>) after <paramref name="afterSeq"/>, in order.</summary>
    public static Task<List<RunCurvePoint>> RunCurveAsync(AligNetDbContext db, Guid runId, int afterSeq = -1, CancellationToken ct = default) =>
        db.RunCurvePoints.AsNoTracking().Where(p => p.RunId == runId && p.Seq > afterSeq).OrderBy(p => p.Seq).ToListAsync(ct);

    /// <summary>The stored training curve of the model version a run produced; empty when it produced none (yet).</summary>
    public async Task<IReadOnlyList<CurvePoint>> CurveAsync(Guid? modelVersionId, CancellationToken ct = default)
    {
        if (modelVersionId is null) return [];
        var version = await db.ModelVersions.AsNoTracking().FirstOrDefaultAsync(m => m.Id == modelVersionId, ct);
        return version is null ? [] : Models.ModelDocuments.Curve(version);
    }
}
