namespace AligNet.Data.Identity;

/// <summary>
/// Failed sign-ins of one client address (an IPv4 address or an IPv6 /64), shared by every web instance so that the
/// throttle holds behind a load balancer too. A row is forgotten once its last failure is older than the throttle's
/// window.
/// </summary>
public class SignInFailures
{
    public required string Address { get; set; }
    public int Failures { get; set; }
    public DateTimeOffset LastFailureAt { get; set; }

    /// <summary>No attempt from the address is checked before this time.</summary>
    public DateTimeOffset BlockedUntil { get; set; }
}
