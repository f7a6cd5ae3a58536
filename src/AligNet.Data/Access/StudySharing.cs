using AligNet.Data.Audit;
using AligNet.Domain.Audit;
using AligNet.Domain.Studies;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Data.Access;

/// <summary>
/// Owners (and admins) share a study with named researchers as viewers or editors, and take the access back. Every
/// change is audited in the same transaction. There is exactly one owner per study, so ownership is not handed out here.
/// </summary>
public sealed class StudySharing(AligNetDbContext db, StaffCaller caller)
{
    public sealed record Member(string UserId, string Email, StudyRole Role, DateTimeOffset AddedAt, string? AddedBy);

    public sealed record Result(bool Succeeded, string? Error)
    {
        public static readonly Result Ok = new(true, null);
        public static Result Fail(string error) => new(false, error);
    }

    private const string NoSuchStudy = "The study does not exist, or you may not see it.";

    public async Task<IReadOnlyList<Member>> MembersAsync(Guid studyId, CancellationToken ct = default)
    {
        if (!await new StaffAccess(db, caller).MayAsync(studyId, StudyRole.Viewer, ct)) return [];
        var members = await db.StudyMembers.AsNoTracking().Where(m => m.StudyId == studyId)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new Member(m.UserId, u.Email ?? "", m.Role, m.AddedAt, m.AddedBy))
            .ToListAsync(ct);
        return [.. members.OrderByDescending(m => m.Role).ThenBy(m => m.Email, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>Grants (or changes) a researcher's access as viewer or editor.</summary>
    public async Task<Result> ShareAsync(Guid studyId, string email, StudyRole role, CancellationToken ct = default)
    {
        if (role == StudyRole.Owner) return Result.Fail("A study has one owner; share it as viewer or editor.");
        if (!await new StaffAccess(db, caller).MayAsync(studyId, StudyRole.Owner, ct)) return Result.Fail(NoSuchStudy);
        var normalized = email.Trim().ToUpperInvariant();
        var user = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalized).Select(u => new { u.Id, u.Email }).FirstOrDefaultAsync(ct);
        if (user is null) return Result.Fail($"No staff account with the e-mail {email.Trim()}. An admin adds accounts under Accounts.");

        var existing = await db.StudyMembers.FirstOrDefaultAsync(m => m.StudyId == studyId && m.UserId == user.Id, ct);
        if (existing?.Role == StudyRole.Owner) return Result.Fail($"{user.Email} owns this study.");
        var before = existing?.Role;
        if (existing is null)
        {
            db.StudyMembers.Add(new StudyMember { StudyId = studyId, UserId = user.Id, Role = role, AddedAt = DateTimeOffset.UtcNow, AddedBy = caller.Email });
        }
        else
        {
            existing.Role = role;
        }
        AuditTrail.Add(db, caller.Email, AuditActions.StudyShare, $"study/{studyId}", new { with = user.Email, from = before?.ToString(), to = role.ToString() });
        await db.SaveChangesAsync(ct);
        return Result.Ok;
    }

    public async Task<Result> UnshareAsync(Guid studyId, string userId, CancellationToken ct = default)
    {
        if (!await new StaffAccess(db, caller).MayAsync(studyId, StudyRole.Owner, ct)) return Result.Fail(NoSuchStudy);
        var member = await db.StudyMembers.FirstOrDefaultAsync(m => m.StudyId == studyId && m.UserId == userId, ct);
        if (member is null) return Result.Ok;
        if (member.Role == StudyRole.Owner) return Result.Fail("The owner's access cannot be taken away.");
        var email = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).FirstOrDefaultAsync(ct);
        db.StudyMembers.Remove(member);
        AuditTrail.Add(db, caller.Email, AuditActions.StudyUnshare, $"study/{studyId}", new { with = email, from = member.Role.ToString() });
        await db.SaveChangesAsync(ct);
        return Result.Ok;
    }
}
