using System.ComponentModel.DataAnnotations;

namespace AligNet.Web.Accounts;

/// <summary>
/// The first admin, created at first start when no admin exists. With no password configured a one-time
/// password is generated and printed once.
/// </summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    [Required(ErrorMessage = "Admin:Email is required (set Admin__Email) so the first admin account can be created.")]
    [EmailAddress(ErrorMessage = "Admin:Email must be an e-mail address, e.g. admin@example.org.")]
    public string Email { get; set; } = "admin@alignet.local";

    /// <summary>Optional. Empty means: generate a one-time password and print it once.</summary>
    public string? Password { get; set; }
}
