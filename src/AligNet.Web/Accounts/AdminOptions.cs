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

    /// <summary>Optional. Empty means: generate a one-time password and write it to <see cref="OneTimePasswordFile"/>.</summary>
    public string? Password { get; set; }

    /// <summary>
    /// Where a generated one-time password is written (mode 0600, owner only), never to the log. Default:
    /// <c>first-admin-password.txt</c> in the working directory. <c>deploy/run.sh</c> shows it once and deletes it.
    /// </summary>
    public string OneTimePasswordFile { get; set; } = "first-admin-password.txt";
}
