using AligNet.Data;
using AligNet.Data.Identity;
using Microsoft.AspNetCore.Identity;

namespace AligNet.Web.Accounts;

/// <summary>ASP.NET Core Identity for staff (admins, researchers) in PostgreSQL. Participants stay anonymous.</summary>
public static class AccountSetup
{
    public const string AdminPolicy = "Admin";
    public const string StaffPolicy = "Staff";

    /// <summary>Failed sign-ins before an account is locked, and for how long.</summary>
    public const int MaxFailedSignIns = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    public static IServiceCollection AddAligNetIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AdminOptions>().Bind(configuration.GetSection(AdminOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddCascadingAuthenticationState();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/account/login";
            cookie.AccessDeniedPath = "/account/denied";
            cookie.Cookie.Name = "alignet.auth";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy, p => p.RequireRole(Roles.Admin))
            .AddPolicy(StaffPolicy, p => p.RequireRole(Roles.Admin, Roles.Researcher));

        services.AddIdentityCore<ApplicationUser>(o =>
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
            .AddSignInManager()
            .AddDefaultTokenProviders();

        services.AddScoped<StaffAccounts>();
        return services;
    }
}
