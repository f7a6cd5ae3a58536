namespace AligNet.Data.Exports;

/// <summary>
/// Which responses an export holds. No study: every study. <paramref name="RawParticipantIds"/>: the recruitment
/// platform's own ids instead of pseudonyms (admins only, audited; see <see cref="ParticipantPseudonyms"/>).
/// </summary>
public sealed record ExportFilter(Guid? StudyId = null, bool IncludeExcluded = true, bool RawParticipantIds = false);
