namespace AligNet.Data.Exports;

/// <summary>
/// Which responses an export holds. No study: every study, or only <see cref="StudyIds"/> when given.
/// <paramref name="RawParticipantIds"/>: the recruitment platform's own ids instead of pseudonyms (admins only,
/// audited; see <see cref="ParticipantPseudonyms"/>).
/// </summary>
public sealed record ExportFilter(Guid? StudyId = null, bool IncludeExcluded = true, bool RawParticipantIds = false)
{
    /// <summary>When set, only these studies (what a researcher may read); null means no such limit.</summary>
    public IReadOnlyCollection<Guid>? StudyIds { get; init; }
}
