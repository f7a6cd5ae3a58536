namespace AligNet.Data.Identity;

/// <summary>The two staff roles. Admins can do everything researchers can, plus accounts and job scheduling.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string Researcher = "Researcher";

    /// <summary>For <c>[Authorize(Roles = ...)]</c> on pages that both roles may see.</summary>
    public const string Staff = Admin + "," + Researcher;

    public static readonly IReadOnlyList<string> All = [Admin, Researcher];
}
