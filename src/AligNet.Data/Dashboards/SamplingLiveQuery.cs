using AligNet.Data.Access;
using AligNet.Data.Models;
using AligNet.Domain.Models;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Data.Dashboards;

/// <summary>
/// The live part of the Sampling dashboard for one adaptive study (ADR-021): answered main trials per arm over time
/// (the ADR-024 aggregates plus their tail), and the study's set's teacher versions with the number of adaptive trials each fed.
/// Only studies the caller may see (<see cref="StaffAccess"/>); anything else reads as no such study.
/// </summary>
public sealed class SamplingLiveQuery(AligNetDbContext db, StaffAccess access)
{
    public sealed record StudyChoice(Guid Id, string Name, Guid StimulusSetId, double RandomArmShare);
    public sealed record ArmBucket(DateTime Bucket, string Arm, int Count);
    /// <param name="Responses">Platform responses of the training snapshot.</param>
    /// <param name="Accuracy">Stored accuracy on the teacher's own test split (all arms).</param>
    /// <param name="RandomArm">Accuracy on this study's random-arm answers received after the version (ADR-028), if a refill scored any.</param>
    public sealed record TeacherPoint(Guid Id, DateTimeOffset CreatedAt, int? Responses, double Accuracy, int AdaptiveTrials, HeldOut? RandomArm);
    public sealed record HeldOut(int Responses, int Correct)
    {
        public double Accuracy => (double)Correct / Responses;
    }
    private sealed record StoredHeldOut(Guid TeacherVersionId, int Responses, int Correct);

    /// <summary>Adaptive studies the caller may see, by name.</summary>
    public Task<List<StudyChoice>> AdaptiveStudiesAsync(CancellationToken ct = default) =>
        access.Studies().Where(s => s.AdaptiveSampling).OrderBy(s => s.Name)
            .Select(s => new StudyChoice(s.Id, s.Name, s.StimulusSetId, s.RandomArmShare)).ToListAsync(ct);

    /// <summary>The study if the caller may see it (adaptive or not: a study turned off keeps its arms), else null.</summary>
    public Task<StudyChoice?> StudyAsync(Guid studyId, CancellationToken ct = default) =>
        access.Studies().Where(s => s.Id == studyId)
            .Select(s => new StudyChoice(s.Id, s.Name, s.StimulusSetId, s.RandomArmShare)).FirstOrDefaultAsync(ct);

    /// <summary>
    /// Answered main trials (a chosen position) per arm and UTC bucket (<see cref="CollectionQuery.Bucket"/>), bucketed
    /// by when the answer arrived: the dashboard aggregates plus the tail since their watermark (ADR-024). The caller has
    /// checked the study with <see cref="StudyAsync"/>.
    /// </summary>
    public Task<List<ArmBucket>> AnsweredPerArmAsync(Guid studyId, string bucket, CancellationToken ct = default) =>
        new CollectionQuery(db, studyId).AnsweredPerArmAsync(bucket, ct);

    /// <summary>
    /// The set's teachers, oldest first: stored held-out accuracy (as the Models page reads it), accuracy on this study's
    /// random-arm answers received after them (written by the AdaptiveRefill run), the platform responses of their
    /// training snapshot, and how many of this study's answered adaptive trials each chose (aggregates plus tail, ADR-024).
    /// </summary>
    public async Task<List<TeacherPoint>> TeachersAsync(StudyChoice study, CancellationToken ct = default)
    {
        var teachers = await new ModelsQuery(db, access).TeachersAsync(study.StimulusSetId, ct);
        var fed = (await new CollectionQuery(db, study.Id).AdaptiveTrialsPerTeacherAsync(ct)).ToDictionary(f => f.TeacherVersionId, f => f.Count);
        var heldOut = (await db.Database.SqlQuery<StoredHeldOut>($"""
            SELECT "TeacherVersionId", "Responses", "Correct" FROM alignet.teacher_random_arm_accuracy WHERE "StudyId" = {study.Id} AND "Responses" > 0
            """).ToListAsync(ct)).ToDictionary(h => h.TeacherVersionId, h => new HeldOut(h.Responses, h.Correct));
        return [.. teachers.Select(t => new TeacherPoint(t.Id, t.CreatedAt, PlatformResponses(t), t.TeacherMetrics().Teacher.Accuracy,
            fed.GetValueOrDefault(t.Id), heldOut.GetValueOrDefault(t.Id)))];
    }

    /// <summary>The training snapshot's platform responses (TeacherTrainingPipeline writes {snapshot:{platformResponses}}); null when absent.</summary>
    public static int? PlatformResponses(ModelVersion version)
    {
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(version.DataSnapshot);
            return doc.RootElement.TryGetProperty("snapshot", out var s) && s.TryGetProperty("platformResponses", out var n) && n.TryGetInt32(out var v) ? v : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
