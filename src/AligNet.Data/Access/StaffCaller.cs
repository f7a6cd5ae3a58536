namespace AligNet.Data.Access;

/// <summary>
/// A signed-in staff member as the access rules see them: the account id (for ownership), the e-mail (for the audit
/// log) and whether they are an admin (who may do everything).
/// </summary>
public sealed record StaffCaller(string UserId, string Email, bool IsAdmin);
