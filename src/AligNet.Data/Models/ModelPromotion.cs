using AligNet.Data.Audit;
using AligNet.Domain.Audit;
using AligNet.Domain.Models;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Data.Models;

/// <summary>
/// Makes one model version the active one of its stimulus set and kind. The previous active version is retired in
/// the same transaction; a unique index guarantees that two concurrent promotions cannot both win.
/// </summary>
public sealed class ModelPromotion(AligNetDbContext db)
{
    public async Task PromoteAsync(Guid versionId, string promotedBy, CancellationToken ct = default)
    {
        var version = await db.ModelVersions.FirstOrDefaultAsync(m => m.Id == versionId, ct)
            ?? throw new ArgumentException($"No model version with id {versionId}.");
        if (version.IsActive) return;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.ModelVersions
            .Where(m => m.StimulusSetId == version.StimulusSetId && m.Kind == version.Kind && m.IsActive)
            .ExecuteUpdateAsync(m => m.SetProperty(x => x.IsActive, false), ct);
        version.IsActive = true;
        version.PromotedAt = DateTimeOffset.UtcNow;
        version.PromotedBy = promotedBy;
        // A rule (the training job's automatic promotion) is the platform acting, not a person.
        AuditTrail.Add(db, promotedBy.StartsWith("rule:", StringComparison.Ordinal) ? AuditTrail.SystemActor : promotedBy,
            AuditActions.ModelPromote, $"model/{versionId}", new { kind = version.Kind.ToString(), stimulusSet = version.StimulusSetId, by = promotedBy });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    public Task<ModelVersion?> ActiveAsync(Guid stimulusSetId, ModelKind kind, CancellationToken ct = default) =>
        db.ModelVersions.AsNoTracking().FirstOrDefaultAsync(m => m.StimulusSetId == stimulusSetId && m.Kind == kind && m.IsActive, ct);
}
