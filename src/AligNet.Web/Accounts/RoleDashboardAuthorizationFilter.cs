using Hangfire.Dashboard;

namespace AligNet.Web.Accounts;

/// <summary>Lets into the Hangfire dashboard only signed-in users in the given role (Hangfire's default admits any local request).</summary>
public sealed class RoleDashboardAuthorizationFilter(string role) : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        var user = context.GetHttpContext().User;
        return user.Identity?.IsAuthenticated == true && user.IsInRole(role);
    }
}
