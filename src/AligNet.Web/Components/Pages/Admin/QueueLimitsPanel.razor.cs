using AligNet.Domain.Runs;
using AligNet.Jobs.QueueLimits;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace AligNet.Web.Components.Pages.Admin;

public partial class QueueLimitsPanel
{
    [Inject] private QueueLimitEditor Editor { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = default!;

    private IReadOnlyDictionary<string, QueueLimit> stored = new Dictionary<string, QueueLimit>();
    private readonly Dictionary<string, int?> edits = [];
    private string? message;

    protected override Task OnInitializedAsync() => ReloadAsync();

    private async Task ReloadAsync()
    {
        stored = await Editor.ReadAsync();
        foreach (var queue in QueueLimitEditor.Queues) edits[queue] = stored.GetValueOrDefault(queue)?.Limit;
    }

    private string State(string queue) => stored.GetValueOrDefault(queue) is { } l
        ? $"limit {l.Limit}, set by {l.UpdatedBy} at {l.UpdatedAt:u}"
        : "no limit set here (workers' configuration)";

    private async Task SaveAsync(string queue)
    {
        var limit = edits.GetValueOrDefault(queue);
        try
        {
            await Editor.SetAsync(queue, limit, (await Authentication).User.Identity?.Name ?? "admin");
            message = limit is { } n ? $"Queue {queue}: at most {n} run{(n == 1 ? "" : "s")} at a time." : $"Queue {queue}: the workers' configuration applies again.";
        }
        catch (RunRefusedException ex)
        {
            message = ex.Message;
        }
        await ReloadAsync();
    }
}
