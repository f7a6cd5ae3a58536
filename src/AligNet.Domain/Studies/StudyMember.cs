namespace AligNet.Domain.Studies;

/// <summary>What a researcher may do with a study; each role includes the ones below it.</summary>
public enum StudyRole
{
    /// <summary>Sees the study, its sessions and QC, and exports its responses.</summary>
    Viewer = 1,

    /// <summary>Also edits the study, changes its state and imports its trial lists.</summary>
    Editor = 2,

    /// <summary>Also shares it with other researchers and takes their access away. The researcher who created it.</summary>
    Owner = 3,
}

/// <summary>
/// A researcher's access to one study (ADR-011). Admins need no row: they may do everything. A study without any
/// row (made by the CLI or the demo seeder) is visible to admins only until an admin shares it.
/// </summary>
public class StudyMember
{
    public Guid StudyId { get; set; }

    /// <summary>The staff account's id (Identity's user id, not the e-mail, which can change).</summary>
    public required string UserId { get; set; }

    public StudyRole Role { get; set; }
    public DateTimeOffset AddedAt { get; set; }

    /// <summary>E-mail of whoever granted the access.</summary>
    public string? AddedBy { get; set; }
}
