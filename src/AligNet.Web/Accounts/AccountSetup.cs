using AligNet.Data.Identity;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;

namespace AligNet.Web.Accounts;

/// <summary>ASP.NET Core Identity for staff (admins, researchers) in PostgreSQL. Participants stay anonymous.</summary>
public static class AccountSetup
{
    public const string AdminPolicy = "Admin";
    public const string StaffPolicy = "Staff";

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
            // APIs answer 401/403; only pages redirect to the sign-in form.
            cookie.Events.OnRedirectToLogin = context => ApiAwareRedirect(context, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => ApiAwareRedirect(context, StatusCodes.Status403Forbidden);
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy, p => p.RequireRole(Roles.Admin))
            .AddPolicy(StaffPolicy, p => p.RequireRole(Roles.Admin, Roles.Researcher));

        services.AddAligNetIdentityCore().AddSignInManager<StaffSignInManager>();
        AddRevocation(services);
        services.AddSignInThrottle();
        return services;
    }

    /// <summary>
    /// Disabling an account, changing its role, removing it or resetting its password renews its security stamp; the
    /// cookie is checked against the database on every request (staff traffic is small) and open circuits every few
    /// seconds, or at once through <see cref="StaffRevocations"/> (ADR-011).
    /// </summary>
    private static void AddRevocation(IServiceCollection services)
    {
        services.AddScoped<ISecurityStampValidator, StaffSecurityStampValidator>();
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);
        services.AddSingleton<StaffRevocations>();
        services.AddScoped<AuthenticationStateProvider, StaffAuthenticationStateProvider>();
    }

    private static Task ApiAwareRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            // No HTML error page for an API: re-executing a POST as the not-found page fails its antiforgery check
            // and would turn the 401/403 into a 400.
            if (context.HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }
        return Task.CompletedTask;
    }
}
