using AligNet.Data.Access;
using AligNet.Data.Identity;
using AligNet.Web.Accounts;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace AligNet.Web.Components.Pages.Admin;

/// <summary>Staff accounts: add, disable/enable, change role, reset password, remove; each audited, each ending sign-ins where it should.</summary>
public partial class Users
{
    [Inject] private IServiceScopeFactory Scopes { get; set; } = default!;
    [Inject] private StaffRevocations Revocations { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = default!;

    private IReadOnlyList<StaffAccount>? accounts;
    private MudForm? form;
    private bool formValid;
    private bool busy;
    private string newEmail = "";
    private string newRole = Roles.Researcher;
    private string newPassword = "";
    private string? createdMessage;
    private string? actionMessage;
    private string? error;
    private string myId = "";

    protected override async Task OnInitializedAsync()
    {
        myId = (await CurrentStaff.RequireAsync(Authentication)).UserId;
        await ReloadAsync();
    }

    private static string StateOf(StaffAccount account) =>
        account.DisabledAt is { } at ? $"disabled since {at:u}" : account.LockedUntil is { } until ? $"locked until {until:u}" : "active";

    private async Task ReloadAsync()
    {
        // One scope (one DbContext) per operation: never a context that lives as long as the circuit.
        await using var scope = Scopes.CreateAsyncScope();
        accounts = await scope.ServiceProvider.GetRequiredService<StaffAccounts>().ListAsync();
    }

    /// <summary>Runs one account operation in its own scope as the signed-in admin; on success, ends the account's open circuits if asked.</summary>
    private async Task<AccountResult> RunAsync(Func<StaffAccounts, StaffCaller, Task<AccountResult>> operation, string? revokeUserId = null)
    {
        createdMessage = actionMessage = error = null;
        var me = await CurrentStaff.RequireAsync(Authentication);
        await using var scope = Scopes.CreateAsyncScope();
        var result = await operation(scope.ServiceProvider.GetRequiredService<StaffAccounts>(), me);
        error = result.Error;
        if (result.Succeeded && revokeUserId is not null) Revocations.Revoke(revokeUserId);
        await ReloadAsync();
        return result;
    }

    private async Task CreateAsync()
    {
        busy = true;
        try
        {
            var email = newEmail.Trim();
            var result = await RunAsync((accounts, me) => accounts.CreateAsync(email, newRole, newPassword, me.Email));
            if (!result.Succeeded) return;
            createdMessage = result.GeneratedPassword is null
                ? $"Added {email} as {newRole}."
                : $"Added {email} as {newRole}. One-time password (shown once): {result.GeneratedPassword}";
            newEmail = newPassword = "";
        }
        finally
        {
            busy = false;
        }
    }

    private async Task DisableAsync(StaffAccount account)
    {
        if ((await RunAsync((accounts, me) => accounts.DisableAsync(account.Id, me.UserId, me.Email), account.Id)).Succeeded)
            actionMessage = $"Disabled {account.Email}; their sign-ins have ended.";
    }

    private async Task EnableAsync(StaffAccount account)
    {
        if ((await RunAsync((accounts, me) => accounts.EnableAsync(account.Id, me.Email))).Succeeded)
            actionMessage = $"Enabled {account.Email}.";
    }

    private async Task ChangeRoleAsync(StaffAccount account, string role)
    {
        if ((await RunAsync((accounts, me) => accounts.ChangeRoleAsync(account.Id, role, me.UserId, me.Email), account.Id)).Succeeded)
            actionMessage = $"{account.Email} is now {role}; they sign in again to use it.";
    }

    private async Task ResetPasswordAsync(StaffAccount account)
    {
        var result = await RunAsync((accounts, me) => accounts.ResetPasswordAsync(account.Email, null, me.Email), account.Id);
        if (result.Succeeded) actionMessage = $"New one-time password for {account.Email} (shown once): {result.GeneratedPassword}";
    }

    private async Task RemoveAsync(StaffAccount account)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Remove account",
            $"Remove {account.Email}? Their access to shared studies goes with the account; studies they own stay, visible to admins.",
            yesText: "Remove", cancelText: "Cancel");
        if (confirmed != true) return;
        if ((await RunAsync((accounts, me) => accounts.RemoveAsync(account.Id, me.UserId, me.Email), account.Id)).Succeeded)
            actionMessage = $"Removed {account.Email}.";
    }

    private async Task UnlockAsync(string userId)
    {
        await RunAsync((accounts, me) => accounts.UnlockAsync(userId, me.Email));
    }
}
