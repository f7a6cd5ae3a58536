using System.Security.Claims;
using AligNet.Data.Access;
using AligNet.Data.Identity;
using Microsoft.AspNetCore.Components.Authorization;

namespace AligNet.Web.Accounts;

/// <summary>The signed-in staff member of a request or circuit, as <see cref="StaffAccess"/> wants it.</summary>
public static class CurrentStaff
{
    /// <summary>Null for anonymous visitors and for accounts in neither staff role.</summary>
    public static StaffCaller? From(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return null;
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var email = user.Identity.Name;
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(email)) return null;
        var admin = user.IsInRole(Roles.Admin);
        return admin || user.IsInRole(Roles.Researcher) ? new StaffCaller(id, email, admin) : null;
    }

    /// <summary>For staff pages (which the router only shows to staff): the caller, or an exception if there is none.</summary>
    public static async Task<StaffCaller> RequireAsync(Task<AuthenticationState> state) =>
        From((await state).User) ?? throw new InvalidOperationException("A staff page was rendered without a signed-in staff member.");
}
