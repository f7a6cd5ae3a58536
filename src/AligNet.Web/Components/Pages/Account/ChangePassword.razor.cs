using System.Security.Claims;
using AligNet.Data.Identity;
using AligNet.Web.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace AligNet.Web.Components.Pages.Account;

public partial class ChangePassword
{
    [Inject] private IServiceScopeFactory Scopes { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = default!;
    [Inject] private AuthenticationStateProvider AuthenticationState { get; set; } = default!;

    private MudForm? form;
    private bool valid;
    private bool busy;
    private bool succeeded;
    private string current = "";
    private string next = "";
    private string repeat = "";
    private string? message;

    private static string? CheckLength(string value) => value.Length >= 12 ? null : "Use at least 12 characters.";

    private string? CheckRepeat(string value) => value == next ? null : "The two new passwords differ.";

    private async Task ChangeAsync()
    {
        busy = true;
        try
        {
            var user = (await Authentication).User;
            var userId = user.FindFirstValue(ClaimTypes.NameIdentifier)!;
            await using var scope = Scopes.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<StaffAccounts>().ChangePasswordAsync(userId, current, next);
            succeeded = result.Succeeded;
            message = result.Succeeded ? "Your password was changed." : result.Error;
            if (result.Succeeded)
            {
                current = next = repeat = "";
                // The new password renewed the security stamp, ending every other sign-in of this account; this page
                // keeps working with the new stamp (the cookie asks for the new password at the next page load).
                var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
                if (await users.FindByIdAsync(userId) is { } account && AuthenticationState is StaffAuthenticationStateProvider circuit)
                {
                    circuit.AcceptRenewedStamp(await users.GetSecurityStampAsync(account));
                }
            }
        }
        finally
        {
            busy = false;
        }
    }
}
