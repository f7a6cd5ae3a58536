using Microsoft.AspNetCore.Identity;

namespace AligNet.Data.Identity;

/// <summary>A researcher or admin account. Participants never have accounts.</summary>
public class ApplicationUser : IdentityUser
{
    public string? DisplayName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set while an admin has disabled the account: it cannot sign in, and its cookies and circuits stop working.</summary>
    public DateTimeOffset? DisabledAt { get; set; }
}
