using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AligNet.Data.Identity;

/// <summary>
/// Identity's user store and rules, shared by the web host (which adds cookies on top) and the CLI (which
/// resets passwords), so both enforce the same password and lockout policy.
/// </summary>
public static class IdentitySetup
{
    /// <summary>Failed sign-ins before an account is locked, and for how long.</summary>
    public const int MaxFailedSignIns = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    public static IdentityBuilder AddAligNetIdentityCore(this IServiceCollection services)
    {
        services.AddScoped<StaffAccounts>();
        return services.AddIdentityCore<ApplicationUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = MaxFailedSignIns;
                o.Lockout.DefaultLockoutTimeSpan = LockoutDuration;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AligNetDbContext>()
            .AddDefaultTokenProviders();
    }
}
