using AligNet.Data.Audit;
using AligNet.Domain.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Data.Identity;

public sealed record StaffAccount(string Id, string Email, IReadOnlyList<string> Roles, DateTimeOffset? LockedUntil, int FailedSignIns,
    DateTimeOffset? DisabledAt = null);

public sealed record AccountResult(bool Succeeded, string? Error, string? GeneratedPassword = null)
{
    public static AccountResult Fail(string error) => new(false, error);
    public static readonly AccountResult Ok = new(true, null);
}

/// <summary>
/// Staff account operations for the admin pages, the CLI and the first-admin bootstrap. Every change is audited in
/// the same transaction (Identity's store saves through the same context). Changes that must end the account's
/// sign-ins (disable, role change, removal, password reset) renew its security stamp, which the web tier checks on
/// every request and every few seconds in open circuits. Interactive components use it through a fresh scope per
/// operation, so no DbContext lives as long as a circuit.
/// </summary>
public sealed class StaffAccounts(UserManager<ApplicationUser> users, AligNetDbContext db)
{
    public async Task<IReadOnlyList<StaffAccount>> ListAsync(CancellationToken ct = default)
    {
        var all = await users.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(ct);
        var result = new List<StaffAccount>(all.Count);
        foreach (var user in all)
        {
            var roles = await users.GetRolesAsync(user);
            result.Add(new StaffAccount(user.Id, user.Email ?? user.UserName ?? "", [.. roles.Order()],
                user.LockoutEnd > DateTimeOffset.UtcNow ? user.LockoutEnd : null, user.AccessFailedCount, user.DisabledAt));
        }
        return result;
    }

    /// <summary>Creates an account in one role. A null or empty password is generated and returned once.</summary>
    public async Task<AccountResult> CreateAsync(string email, string role, string? password, string? actor = null)
    {
        if (!Roles.All.Contains(role)) return AccountResult.Fail($"Unknown role '{role}'. Use {string.Join(" or ", Roles.All)}.");
        var generated = string.IsNullOrEmpty(password) ? PasswordGenerator.Generate() : null;
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = DateTimeOffset.UtcNow };

        // One transaction: an account without its role (or without its audit entry) is never left behind.
        await using var transaction = await db.Database.BeginTransactionAsync();
        var created = await users.CreateAsync(user, generated ?? password!);
        if (!created.Succeeded) return AccountResult.Fail(Describe(created));
        AuditTrail.Add(db, actor ?? AuditTrail.SystemActor, AuditActions.AccountCreate, Target(user), new { email, role });
        var inRole = await users.AddToRoleAsync(user, role);
        if (!inRole.Succeeded) return AccountResult.Fail(Describe(inRole));
        await transaction.CommitAsync();
        return new AccountResult(true, null, generated);
    }

    public Task<AccountResult> UnlockAsync(string userId, string? actor = null) => ChangeAsync(userId, actor, AuditActions.AccountUnlock, null, async user =>
    {
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        return null;
    }, renewStamp: false);

    /// <summary>A disabled account cannot sign in, and its cookies and open circuits stop working.</summary>
    public Task<AccountResult> DisableAsync(string userId, string actorId, string actor) =>
        userId == actorId ? Task.FromResult(AccountResult.Fail("You cannot disable your own account.")) :
        ChangeAsync(userId, actor, AuditActions.AccountDisable, null, async user =>
        {
            if (await IsLastAdminAsync(user)) return "This is the last enabled admin; make another admin first.";
            user.DisabledAt = DateTimeOffset.UtcNow;
            return null;
        });

    public Task<AccountResult> EnableAsync(string userId, string actor) => ChangeAsync(userId, actor, AuditActions.AccountEnable, null, user =>
    {
        user.DisabledAt = null;
        return Task.FromResult<string?>(null);
    }, renewStamp: false);

    /// <summary>Moves an account to another role; its sessions end, so it signs in again with the new role's rights.</summary>
    public Task<AccountResult> ChangeRoleAsync(string userId, string role, string actorId, string actor)
    {
        if (!Roles.All.Contains(role)) return Task.FromResult(AccountResult.Fail($"Unknown role '{role}'. Use {string.Join(" or ", Roles.All)}."));
        if (userId == actorId) return Task.FromResult(AccountResult.Fail("You cannot change your own role."));
        return ChangeAsync(userId, actor, AuditActions.AccountRoleChange, null, async user =>
        {
            var current = await users.GetRolesAsync(user);
            if (current.Count == 1 && current[0] == role) return null;
            if (role != Roles.Admin && await IsLastAdminAsync(user)) return "This is the last enabled admin; make another admin first.";
            var removed = await users.RemoveFromRolesAsync(user, current);
            if (!removed.Succeeded) return Describe(removed);
            var added = await users.AddToRoleAsync(user, role);
            if (!added.Succeeded) return Describe(added);
            AuditTrail.Add(db, actor, AuditActions.AccountRoleChange, Target(user), new { email = user.Email, from = string.Join(",", current), to = role });
            return null;
        }, audited: true);
    }

    /// <summary>
    /// Deletes the account. Its study memberships go with it; studies it owned stay, visible to admins, who can share
    /// them on. The audit log keeps its e-mail as it was.
    /// </summary>
    public async Task<AccountResult> RemoveAsync(string userId, string actorId, string actor)
    {
        if (userId == actorId) return AccountResult.Fail("You cannot remove your own account.");
        var user = await users.FindByIdAsync(userId);
        if (user is null) return AccountResult.Fail("No such account.");
        if (await IsLastAdminAsync(user)) return AccountResult.Fail("This is the last enabled admin; make another admin first.");
        AuditTrail.Add(db, actor, AuditActions.AccountRemove, Target(user), new { email = user.Email });
        var deleted = await users.DeleteAsync(user); // one SaveChanges: the deletion and its audit entry
        return deleted.Succeeded ? AccountResult.Ok : AccountResult.Fail(Describe(deleted));
    }

    /// <summary>The signed-in user changes their own password; the current one must be right.</summary>
    public async Task<AccountResult> ChangePasswordAsync(string userId, string currentPassword, string newPassword)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null) return AccountResult.Fail("No such account.");
        var changed = await users.ChangePasswordAsync(user, currentPassword, newPassword);
        return changed.Succeeded ? AccountResult.Ok : AccountResult.Fail(Describe(changed));
    }

    /// <summary>Sets a new password (generated when none is given, and returned once) and lifts any lockout; the account's sessions end.</summary>
    public async Task<AccountResult> ResetPasswordAsync(string email, string? password, string? actor = null)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null) return AccountResult.Fail($"No account with the e-mail {email}.");
        var generated = string.IsNullOrEmpty(password) ? PasswordGenerator.Generate() : null;
        await using var transaction = await db.Database.BeginTransactionAsync();
        AuditTrail.Add(db, actor ?? AuditTrail.SystemActor, AuditActions.AccountPasswordReset, Target(user), new { email = user.Email });
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var reset = await users.ResetPasswordAsync(user, token, generated ?? password!); // renews the security stamp
        if (!reset.Succeeded) return AccountResult.Fail(Describe(reset));
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await transaction.CommitAsync();
        return new AccountResult(true, null, generated);
    }

    /// <summary>
    /// Runs <paramref name="change"/> on the account in one transaction with its audit entry (unless the change
    /// writes its own, <paramref name="audited"/>), then renews the security stamp so existing sign-ins end.
    /// The change returns an error message to refuse, or null.
    /// </summary>
    private async Task<AccountResult> ChangeAsync(string userId, string? actor, string action, object? details,
        Func<ApplicationUser, Task<string?>> change, bool renewStamp = true, bool audited = false)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null) return AccountResult.Fail("No such account.");
        await using var transaction = await db.Database.BeginTransactionAsync();
        var refused = await change(user);
        if (refused is not null) return AccountResult.Fail(refused);
        if (!audited) AuditTrail.Add(db, actor ?? AuditTrail.SystemActor, action, Target(user), details ?? new { email = user.Email });
        var saved = renewStamp ? await users.UpdateSecurityStampAsync(user) : await users.UpdateAsync(user);
        if (!saved.Succeeded) return AccountResult.Fail(Describe(saved));
        await transaction.CommitAsync();
        return AccountResult.Ok;
    }

    /// <summary>True when <paramref name="user"/> is an enabled admin and no other enabled admin exists.</summary>
    private async Task<bool> IsLastAdminAsync(ApplicationUser user)
    {
        if (!await users.IsInRoleAsync(user, Roles.Admin) || user.DisabledAt is not null) return false;
        var admins = await users.GetUsersInRoleAsync(Roles.Admin);
        return !admins.Any(a => a.Id != user.Id && a.DisabledAt is null);
    }

    private static string Target(ApplicationUser user) => $"account/{user.Id}";

    private static string Describe(IdentityResult result) => string.Join(" ", result.Errors.Select(e => e.Description));
}
