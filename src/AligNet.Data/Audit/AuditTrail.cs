using System.Text.Json;
using AligNet.Domain.Audit;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Data.Audit;

/// <summary>
/// Writes the audit log. Prefer <see cref="Add"/> inside the unit of work that makes the change, so the change and
/// its audit entry are saved in one transaction (both or neither); <see cref="RecordAsync"/> is for actions that
/// change nothing else in the database (an export, a job handed to Hangfire).
/// </summary>
public sealed class AuditTrail(IDbContextFactory<AligNetDbContext> contexts)
{
    /// <summary>Details larger than this are replaced by a note: the log records facts, not payloads.</summary>
    public const int MaxDetailsChars = 8_000;

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Adds an entry to <paramref name="db"/>; it is written by that context's next SaveChanges.</summary>
    public static AuditEntry Add(AligNetDbContext db, string actor, string action, string target, object? details = null)
    {
        var entry = Create(actor, action, target, details);
        db.AuditLog.Add(entry);
        return entry;
    }

    /// <summary>Writes an entry on its own.</summary>
    public async Task RecordAsync(string actor, string action, string target, object? details = null, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        Add(db, actor, action, target, details);
        await db.SaveChangesAsync(ct);
    }

    public static AuditEntry Create(string actor, string action, string target, object? details)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        var json = details is null ? null : JsonSerializer.Serialize(details, Json);
        if (json is { Length: > MaxDetailsChars })
            json = JsonSerializer.Serialize(new { truncated = true, chars = json.Length }, Json);
        return new AuditEntry { Actor = Truncate(actor, 256), Action = action, Target = Truncate(target, 256), Details = json };
    }

    /// <summary>The actor name for work the platform does by itself (schedules, triggers).</summary>
    public static string SystemActor => "system:" + Environment.MachineName;

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
