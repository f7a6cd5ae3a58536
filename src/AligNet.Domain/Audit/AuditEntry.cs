namespace AligNet.Domain.Audit;

/// <summary>
/// One staff action that changed state (a study edit, an export, an account change, a scheduled run …), kept for as
/// long as the instance lives. Rows are only ever inserted: the database refuses UPDATE, DELETE and TRUNCATE on the
/// table (a trigger created by the migration), so not even a bug in the application can rewrite history.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; init; }

    /// <summary>When the action was recorded (the database's clock, UTC).</summary>
    public DateTimeOffset At { get; init; }

    /// <summary>Who acted: a staff e-mail, or <c>system:&lt;host&gt;</c> for the platform itself (e.g. a schedule firing).</summary>
    public required string Actor { get; init; }

    /// <summary>What was done, as a dotted name from <see cref="AuditActions"/>, e.g. <c>study.open</c>.</summary>
    public required string Action { get; init; }

    /// <summary>What it was done to, as <c>kind/id</c>, e.g. <c>study/6f1c…</c>.</summary>
    public required string Target { get; init; }

    /// <summary>JSON: small facts of the action (before/after where small, parameters, counts); <c>null</c> when none.</summary>
    public string? Details { get; init; }
}
