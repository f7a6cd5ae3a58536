namespace AligNet.Data.Exports;

/// <summary>Which responses an export holds. No study: every study.</summary>
public sealed record ExportFilter(Guid? StudyId = null, bool IncludeExcluded = true);
