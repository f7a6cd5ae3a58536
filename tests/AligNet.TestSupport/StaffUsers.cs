using AligNet.Data;
using AligNet.Data.Access;
using AligNet.Data.Identity;
using Microsoft.AspNetCore.Identity;

namespace AligNet.TestSupport;

/// <summary>Staff accounts written straight into a test database (with a real password hash, so they can sign in).</summary>
public static class StaffUsers
{
    public const string Password = "Staff-Password-123";

    public static async Task<StaffCaller> CreateAsync(AligNetDbContext db, string email, string role)
    {
        var user = new ApplicationUser
        {
            Id = Guid.NewGuid().ToString(), UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email,
            NormalizedEmail = email.ToUpperInvariant(), EmailConfirmed = true, SecurityStamp = Guid.NewGuid().ToString("N"),
            ConcurrencyStamp = Guid.NewGuid().ToString(), CreatedAt = DateTimeOffset.UtcNow,
        };
        user.PasswordHash = new PasswordHasher<ApplicationUser>().HashPassword(user, Password);
        db.Users.Add(user);
        var roleId = db.Roles.Where(r => r.Name == role).Select(r => r.Id).FirstOrDefault();
        if (roleId is null)
        {
            var created = new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() };
            db.Roles.Add(created);
            roleId = created.Id;
        }
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roleId });
        await db.SaveChangesAsync();
        return new StaffCaller(user.Id, email, role == Roles.Admin);
    }
}
