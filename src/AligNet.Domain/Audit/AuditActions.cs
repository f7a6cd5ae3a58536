namespace AligNet.Domain.Audit;

/// <summary>
/// The names of audited actions, in one place so the audit page can offer them as a filter and writers cannot
/// misspell them. Convention: <c>area.verb</c>; add a constant here before recording a new kind of action.
/// </summary>
public static class AuditActions
{
    public const string StudyCreate = "study.create";
    public const string StudyEdit = "study.edit";
    public const string StudyStateChange = "study.state";
    public const string StudyShare = "study.share";
    public const string StudyUnshare = "study.unshare";
    public const string TrialListImport = "study.trial-lists.import";

    public const string ExportResponses = "export.responses";
    public const string ExportRawIds = "export.raw-ids";

    public const string StimulusSetImport = "stimulus-set.import";
    public const string StimulusSetShare = "stimulus-set.share";
    public const string ConceptSetImport = "concept-set.import";
    public const string EmbeddingsImport = "embeddings.import";
    public const string TripletsImport = "triplets.import";

    public const string AccountCreate = "account.create";
    public const string AccountDisable = "account.disable";
    public const string AccountEnable = "account.enable";
    public const string AccountRoleChange = "account.role";
    public const string AccountRemove = "account.remove";
    public const string AccountPasswordReset = "account.password-reset";
    public const string AccountUnlock = "account.unlock";

    public const string JobSchedule = "job.schedule";
    public const string RunCancel = "run.cancel";
    /// <summary>A command given in Hangfire's dashboard (delete, requeue, trigger …); the target is its path.</summary>
    public const string JobDashboardCommand = "job.dashboard";
    public const string ScheduleCreate = "schedule.create";
    public const string ScheduleEdit = "schedule.edit";
    public const string ScheduleDelete = "schedule.delete";
    public const string SchedulePause = "schedule.pause";
    public const string ScheduleResume = "schedule.resume";
    public const string QueueLimit = "queue.limit";
    public const string ModelPromote = "model.promote";

    /// <summary>Every action above, for filters.</summary>
    public static IReadOnlyList<string> All { get; } = typeof(AuditActions)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .Order(StringComparer.Ordinal)
        .ToArray();
}
