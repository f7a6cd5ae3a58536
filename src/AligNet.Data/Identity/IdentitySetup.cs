using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AligNet.Data.Identity;

/// <summary>
/// Identity's user store and rules, shared by the web host (which adds cookies on top) and the CLI (which
/// resets passwords), so both enforce the same password policy. No account lockout: anyone could trigger it for
/// someone else; the web tier throttles sign-in attempts per address instead (ADR-011).
/// </summary>
public static class IdentitySetup
{
    public static IdentityBuilder AddAligNetIdentityCore(this IServiceCollection services)
    {
        services.AddScoped<StaffAccounts>();
        return services.AddIdentityCore<ApplicationUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AligNetDbContext>()
            .AddDefaultTokenProviders();
    }
}
