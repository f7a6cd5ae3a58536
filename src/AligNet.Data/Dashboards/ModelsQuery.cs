using AligNet.Data.Access;
using AligNet.Domain.Models;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Data.Dashboards;

/// <summary>The models dashboard: the teacher versions of a set over time and their stored evaluations.</summary>
public sealed class ModelsQuery(AligNetDbContext db, StaffAccess access)
{
    public sealed record SetChoice(Guid Id, string Name);
    public sealed record EvaluationRow(Guid Id, Guid ModelVersionId, DateTimeOffset CreatedAt, string Split, int Responses, int Bootstrap, string Report);

    /// <summary>Sets the caller may see that have at least one teacher.</summary>
    public Task<List<SetChoice>> SetsWithTeachersAsync(CancellationToken ct = default) =>
        access.StimulusSets().Where(s => db.ModelVersions.Any(m => m.StimulusSetId == s.Id && m.Kind == ModelKind.Teacher))
            .OrderBy(s => s.Name).Select(s => new SetChoice(s.Id, s.Name)).ToListAsync(ct);

    /// <summary>Oldest first (the x axis of "over time"); empty for a set the caller may not see.</summary>
    public Task<List<ModelVersion>> TeachersAsync(Guid setId, CancellationToken ct = default) =>
        db.ModelVersions.AsNoTracking()
            .Where(m => m.StimulusSetId == setId && m.Kind == ModelKind.Teacher && access.StimulusSets().Any(s => s.Id == setId))
            .OrderBy(m => m.CreatedAt).ToListAsync(ct);

    /// <summary>The newest evaluation of each given version.</summary>
    public async Task<List<EvaluationRow>> LatestEvaluationsAsync(IReadOnlyCollection<Guid> versions, CancellationToken ct = default)
    {
        var rows = await db.ModelEvaluations.AsNoTracking().Where(e => versions.Contains(e.ModelVersionId))
            .OrderByDescending(e => e.CreatedAt)
            .Select(e => new EvaluationRow(e.Id, e.ModelVersionId, e.CreatedAt, e.Split, e.Responses, e.Bootstrap, e.Report))
            .ToListAsync(ct);
        return [.. rows.GroupBy(e => e.ModelVersionId).Select(g => g.First())];
    }
}
