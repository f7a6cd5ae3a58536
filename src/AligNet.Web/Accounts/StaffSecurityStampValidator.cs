using AligNet.Data.Identity;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AligNet.Web.Accounts;

/// <summary>
/// Checks the cookie's security stamp (and the disabled flag, through <see cref="StaffSignInManager"/>) on every
/// request, so a revoked account is refused at once. Unlike Identity's validator it does not re-issue the cookie after
/// each successful check: that would add a Set-Cookie and "no-store" to every staff response.
/// </summary>
public sealed class StaffSecurityStampValidator(IOptions<SecurityStampValidatorOptions> options, SignInManager<ApplicationUser> signIn, ILoggerFactory logs)
    : SecurityStampValidator<ApplicationUser>(options, signIn, logs)
{
    protected override Task SecurityStampVerified(ApplicationUser user, CookieValidatePrincipalContext context) => Task.CompletedTask;
}
