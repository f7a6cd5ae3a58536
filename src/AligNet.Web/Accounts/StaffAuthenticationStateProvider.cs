using System.Security.Claims;
using AligNet.Data.Identity;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AligNet.Web.Accounts;

/// <summary>
/// The authentication state of a Blazor circuit, checked again every <see cref="Interval"/> against the database
/// (security stamp, disabled flag) and dropped at once when <see cref="StaffRevocations"/> names the account: an open
/// page of a disabled account stops working, as its cookie does on the next request.
/// </summary>
public sealed class StaffAuthenticationStateProvider : RevalidatingServerAuthenticationStateProvider
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private readonly IServiceScopeFactory scopes;
    private readonly IOptions<IdentityOptions> options;
    private readonly StaffRevocations revocations;

    public StaffAuthenticationStateProvider(ILoggerFactory logs, IServiceScopeFactory scopes, IOptions<IdentityOptions> options, StaffRevocations revocations)
        : base(logs)
    {
        this.scopes = scopes;
        this.options = options;
        this.revocations = revocations;
        revocations.Revoked += OnRevoked;
    }

    protected override TimeSpan RevalidationInterval => Interval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct)
    {
        if (state.User.Identity?.IsAuthenticated != true) return true;
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.GetUserAsync(state.User);
        if (user is null || user.DisabledAt is not null) return false;
        if (!users.SupportsUserSecurityStamp) return true;
        var stamp = state.User.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
        return stamp == await users.GetSecurityStampAsync(user);
    }

    /// <summary>
    /// After the signed-in user changed their own password (which renews the stamp and so ends every other sign-in),
    /// this circuit takes the new stamp and carries on; the cookie asks for the new password at the next page load.
    /// </summary>
    public void AcceptRenewedStamp(string newStamp)
    {
        _ = GetAuthenticationStateAsync().ContinueWith(task =>
        {
            var user = task.Result.User;
            if (user.Identity is not ClaimsIdentity identity) return;
            var renewed = identity.Clone();
            var type = options.Value.ClaimsIdentity.SecurityStampClaimType;
            foreach (var claim in renewed.FindAll(type).ToList()) renewed.RemoveClaim(claim);
            renewed.AddClaim(new Claim(type, newStamp));
            SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(renewed))));
        }, TaskScheduler.Default);
    }

    private void OnRevoked(string userId)
    {
        _ = GetAuthenticationStateAsync().ContinueWith(task =>
        {
            if (task.Result.User.FindFirstValue(ClaimTypes.NameIdentifier) == userId)
            {
                SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
            }
        }, TaskScheduler.Default);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) revocations.Revoked -= OnRevoked;
        base.Dispose(disposing);
    }
}
