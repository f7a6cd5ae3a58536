using AligNet.Data;
using AligNet.Data.Audit;
using AligNet.Domain.Audit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace AligNet.Web.Components.Pages.Admin;

/// <summary>The audit log for admins: filters by actor, action, target and days; paged in the database.</summary>
public partial class AuditLog
{
    [Inject] private IDbContextFactory<AligNetDbContext> Contexts { get; set; } = default!;

    private MudTable<AuditEntry>? table;
    private string? actor;
    private string? action;
    private string? target;
    private DateTime? from;
    private DateTime? to;

    private Task ApplyAsync() => table?.ReloadServerData() ?? Task.CompletedTask;

    private async Task<TableData<AuditEntry>> LoadAsync(TableState state, CancellationToken ct)
    {
        var filter = new AuditFilter(actor, action, target,
            from is { } f ? new DateTimeOffset(f.Date, TimeSpan.Zero) : null,
            to is { } t ? new DateTimeOffset(t.Date.AddDays(1), TimeSpan.Zero) : null);
        await using var db = await Contexts.CreateDbContextAsync(ct);
        var page = await AuditLogQuery.LoadAsync(db, filter, state.Page * state.PageSize, state.PageSize, ct);
        return new TableData<AuditEntry> { Items = page.Entries, TotalItems = page.Total };
    }
}
