namespace AligNet.Web.Accounts;

/// <summary>
/// Tells this process's open circuits that an account's sign-ins ended (disabled, removed, role changed, password
/// reset), so they drop it at once instead of at their next revalidation. Other web instances learn it within
/// <see cref="StaffAuthenticationStateProvider.Interval"/>.
/// </summary>
public sealed class StaffRevocations
{
    public event Action<string>? Revoked;

    public void Revoke(string userId) => Revoked?.Invoke(userId);
}
