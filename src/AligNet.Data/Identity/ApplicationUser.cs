using Microsoft.AspNetCore.Identity;

namespace AligNet.Data.Identity;

/// <summary>A researcher or admin account. Participants never have accounts.</summary>
public class ApplicationUser : IdentityUser
{
    public string? DisplayName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
