using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Data.Identity;

public sealed record StaffAccount(string Id, string Email, IReadOnlyList<string> Roles, DateTimeOffset? LockedUntil, int FailedSignIns);

public sealed record AccountResult(bool Succeeded, string? Error, string? GeneratedPassword = null)
{
    public static AccountResult Fail(string error) => new(false, error);
}

/// <summary>
/// Staff account operations for the admin pages and the first-admin bootstrap. Interactive components use it
/// through a fresh scope per operation, so no DbContext lives as long as a circuit.
/// </summary>
public sealed class StaffAccounts(UserManager<ApplicationUser> users)
{
    public async Task<IReadOnlyList<StaffAccount>> ListAsync(CancellationToken ct = default)
    {
        var all = await users.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(ct);
        var result = new List<StaffAccount>(all.Count);
        foreach (var user in all)
        {
            var roles = await users.GetRolesAsync(user);
            result.Add(new StaffAccount(user.Id, user.Email ?? user.UserName ?? "", [.. roles.Order()],
                user.LockoutEnd > DateTimeOffset.UtcNow ? user.LockoutEnd : null, user.AccessFailedCount));
        }
        return result;
    }

    /// <summary>Creates an account in one role. A null or empty password is generated and returned once.</summary>
    public async Task<AccountResult> CreateAsync(string email, string role, string? password)
    {
        if (!Roles.All.Contains(role)) return AccountResult.Fail($"Unknown role '{role}'. Use {string.Join(" or ", Roles.All)}.");
        var generated = string.IsNullOrEmpty(password) ? PasswordGenerator.Generate() : null;
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = DateTimeOffset.UtcNow };

        var created = await users.CreateAsync(user, generated ?? password!);
        if (!created.Succeeded) return AccountResult.Fail(Describe(created));
        var inRole = await users.AddToRoleAsync(user, role);
        if (!inRole.Succeeded)
        {
            // Leave nothing half-made: an account without its role would be a useless, confusing leftover.
            await users.DeleteAsync(user);
            return AccountResult.Fail(Describe(inRole));
        }
        return new AccountResult(true, null, generated);
    }

    public async Task<AccountResult> UnlockAsync(string userId)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null) return AccountResult.Fail("No such account.");
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        return new AccountResult(true, null);
    }

    /// <summary>The signed-in user changes their own password; the current one must be right.</summary>
    public async Task<AccountResult> ChangePasswordAsync(string userId, string currentPassword, string newPassword)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null) return AccountResult.Fail("No such account.");
        var changed = await users.ChangePasswordAsync(user, currentPassword, newPassword);
        return changed.Succeeded ? new AccountResult(true, null) : AccountResult.Fail(Describe(changed));
    }

    /// <summary>Sets a new password (generated when none is given, and returned once) and lifts any lockout.</summary>
    public async Task<AccountResult> ResetPasswordAsync(string email, string? password)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null) return AccountResult.Fail($"No account with the e-mail {email}.");
        var generated = string.IsNullOrEmpty(password) ? PasswordGenerator.Generate() : null;
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var reset = await users.ResetPasswordAsync(user, token, generated ?? password!);
        if (!reset.Succeeded) return AccountResult.Fail(Describe(reset));
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        return new AccountResult(true, null, generated);
    }

    private static string Describe(IdentityResult result) => string.Join(" ", result.Errors.Select(e => e.Description));
}
