using AligNet.Domain.Audit;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Data.Audit;

/// <summary>Filters for the audit page; every part is optional.</summary>
public sealed record AuditFilter(string? Actor = null, string? Action = null, string? Target = null, DateTimeOffset? From = null, DateTimeOffset? To = null);

/// <summary>One page of the audit log, newest first, with the total count for the pager (server-side paging).</summary>
public static class AuditLogQuery
{
    public const int MaxPageSize = 200;

    public sealed record Page(IReadOnlyList<AuditEntry> Entries, int Total);

    public static async Task<Page> LoadAsync(AligNetDbContext db, AuditFilter filter, int skip, int take, CancellationToken ct = default)
    {
        var query = db.AuditLog.AsNoTracking();
        // Actor and target match as a case-insensitive part (ILIKE), so "ada" finds ada@example.org and "study/6f1c" a study.
        if (!string.IsNullOrWhiteSpace(filter.Actor)) query = query.Where(e => EF.Functions.ILike(e.Actor, "%" + Escape(filter.Actor.Trim()) + "%", "\\"));
        if (!string.IsNullOrWhiteSpace(filter.Action)) query = query.Where(e => e.Action == filter.Action);
        if (!string.IsNullOrWhiteSpace(filter.Target)) query = query.Where(e => EF.Functions.ILike(e.Target, "%" + Escape(filter.Target.Trim()) + "%", "\\"));
        if (filter.From is { } from) query = query.Where(e => e.At >= from);
        if (filter.To is { } to) query = query.Where(e => e.At < to);
        var total = await query.CountAsync(ct);
        var entries = await query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, MaxPageSize)).ToListAsync(ct);
        return new Page(entries, total);
    }

    /// <summary>A typed % or _ is a character to find, not a wildcard.</summary>
    private static string Escape(string value) => value.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
