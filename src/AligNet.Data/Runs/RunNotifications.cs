using Microsoft.EntityFrameworkCore;

namespace AligNet.Data.Runs;

/// <summary>
/// The PostgreSQL channel on which every change of a run is announced (payload: the run id). The web process LISTENs
/// once and fans the ids out to the pages that follow them, so browsers never poll and workers need no web address.
/// </summary>
public static class RunNotifications
{
    public const string Channel = "alignet_runs";

    public static async Task NotifyAsync(AligNetDbContext db, IEnumerable<Guid> runIds, CancellationToken ct = default)
    {
        foreach (var id in runIds.Distinct())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_notify({Channel}, {id.ToString()})", ct);
        }
    }
}
