using AligNet.Data.Identity;
using AligNet.Web.Accounts;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AligNet.Web.Components.Pages.Admin;

public partial class Users
{
    [Inject] private IServiceScopeFactory Scopes { get; set; } = default!;

    private IReadOnlyList<StaffAccount>? accounts;
    private MudForm? form;
    private bool formValid;
    private bool busy;
    private string newEmail = "";
    private string newRole = Roles.Researcher;
    private string newPassword = "";
    private string? createdMessage;
    private string? error;

    protected override Task OnInitializedAsync() => ReloadAsync();

    private async Task ReloadAsync()
    {
        // One scope (one DbContext) per operation: never a context that lives as long as the circuit.
        await using var scope = Scopes.CreateAsyncScope();
        accounts = await scope.ServiceProvider.GetRequiredService<StaffAccounts>().ListAsync();
    }

    private async Task CreateAsync()
    {
        busy = true;
        createdMessage = error = null;
        try
        {
            await using var scope = Scopes.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<StaffAccounts>().CreateAsync(newEmail.Trim(), newRole, newPassword);
            if (!result.Succeeded)
            {
                error = result.Error;
                return;
            }
            createdMessage = result.GeneratedPassword is null
                ? $"Added {newEmail} as {newRole}."
                : $"Added {newEmail} as {newRole}. One-time password (shown once): {result.GeneratedPassword}";
            newEmail = newPassword = "";
            await ReloadAsync();
        }
        finally
        {
            busy = false;
        }
    }

    private async Task UnlockAsync(string userId)
    {
        await using var scope = Scopes.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<StaffAccounts>().UnlockAsync(userId);
        error = result.Error;
        await ReloadAsync();
    }
}
