namespace AligNet.Data.Exports;

/// <summary>Which responses an export holds. No study: every study, or only <see cref="StudyIds"/> when given.</summary>
public sealed record ExportFilter(Guid? StudyId = null, bool IncludeExcluded = true)
{
    /// <summary>When set, only these studies (what a researcher may read); null means no such limit.</summary>
    public IReadOnlyCollection<Guid>? StudyIds { get; init; }
}
