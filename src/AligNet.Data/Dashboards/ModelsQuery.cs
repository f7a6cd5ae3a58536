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

    /// <summary>
    /// A student version and what its data snapshot says it learned from: <paramref name="Labels"/> "teacher" (an AligNet
    /// student) or "base" (UnAligNet: labels from the base model), and the teacher whose data set it was.
    /// </summary>
    public sealed record Student(ModelVersion Version, string Labels, Guid? TeacherVersionId)
    {
        public string Name => (Labels == "base" ? "UnAligNet" : "AligNet") + $" student {Version.CreatedAt:yyyy-MM-dd HH:mm}";
    }

    /// <summary>The student versions of a set, oldest first; empty for a set the caller may not see.</summary>
    public async Task<List<Student>> StudentsAsync(Guid setId, CancellationToken ct = default)
    {
        var versions = await db.ModelVersions.AsNoTracking()
            .Where(m => m.StimulusSetId == setId && m.Kind == ModelKind.Student && access.StimulusSets().Any(s => s.Id == setId))
            .OrderBy(m => m.CreatedAt).ToListAsync(ct);
        return [.. versions.Select(v =>
        {
            var snapshot = System.Text.Json.Nodes.JsonNode.Parse(v.DataSnapshot);
            var teacher = snapshot?["teacherVersionId"]?.GetValue<string>();
            return new Student(v, snapshot?["labels"]?.GetValue<string>() ?? "teacher", Guid.TryParse(teacher, out var t) ? t : null);
        })];
    }

    public sealed record MapPoint(Guid StimulusId, string Label, string Category, double X, double Y);

    /// <summary>
    /// The set's stimuli on the first two principal components of a base model's embeddings (computed here, on the
    /// server), with their top-level category; empty when the set has no such embeddings.
    /// </summary>
    public async Task<List<MapPoint>> StimulusMapAsync(Guid setId, string model, string version, CancellationToken ct = default)
    {
        var rows = await db.Embeddings.AsNoTracking().Where(e => e.Model == model && e.Version == version)
            .Join(db.Stimuli.Where(s => s.StimulusSetId == setId && access.StimulusSets().Any(x => x.Id == setId)),
                e => e.StimulusId, s => s.Id, (e, s) => new { s.Id, s.Index, s.Label, s.CategoryPath, e.Vector })
            .OrderBy(x => x.Index).ToListAsync(ct);
        var projected = Evaluation.Statistics.PrincipalComponents.Project2([.. rows.Select(r => r.Vector)]);
        return [.. rows.Select((r, i) => new MapPoint(r.Id, r.Label, r.CategoryPath.FirstOrDefault() ?? "(none)", projected[i].X, projected[i].Y))];
    }
}
