using AligNet.Domain.Participation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AligNet.Data.Participation;

/// <summary>Configuration section <c>Participants:AbandonedSessions</c>.</summary>
public sealed class AbandonedSessionOptions
{
    public const string Section = "Participants:AbandonedSessions";

    /// <summary>A session still in progress without a single answer after this long is deleted (default one day).</summary>
    public TimeSpan After { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often the web host sweeps (default every 10 minutes).</summary>
    public TimeSpan Every { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>
/// Deletes sessions that were opened but never answered (each holds a full trial plan), and participants left
/// without any session. Opening a session is anonymous, so without this anyone could grow the database for
/// ever by opening links. A session with even one answer is data and is never touched; nor is one that ended.
/// </summary>
public sealed class AbandonedSessions(IDbContextFactory<AligNetDbContext> contexts, TimeProvider clock, ILogger<AbandonedSessions> log)
{
    public sealed record Swept(int Sessions, int Participants);

    public async Task<Swept> DeleteAsync(TimeSpan olderThan, CancellationToken ct = default)
    {
        var cutoff = clock.GetUtcNow() - olderThan;
        await using var db = await contexts.CreateDbContextAsync(ct);
        // Trials go with their session (ON DELETE CASCADE); a response arriving meanwhile would make its session
        // no longer match, and the statement sees one snapshot, so an answered session is never deleted.
        var sessions = await db.Sessions
            .Where(s => s.Status == SessionStatus.InProgress && s.StartedAt < cutoff && !db.Responses.Any(r => r.SessionId == s.Id))
            .ExecuteDeleteAsync(ct);
        var participants = 0;
        try
        {
            participants = await db.Participants
                .Where(p => p.CreatedAt < cutoff && !db.Sessions.Any(s => s.ParticipantId == p.Id))
                .ExecuteDeleteAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.ForeignKeyViolation })
        {
            // A participant came back and opened a session at this very moment: leave the rest for the next sweep.
            log.LogInformation("Orphan participants kept for the next sweep: one of them just opened a session.");
        }
        if (sessions > 0 || participants > 0)
        {
            log.LogInformation("Deleted {Sessions} never-answered sessions and {Participants} participants without sessions, older than {Cutoff}.",
                sessions, participants, cutoff);
        }
        return new Swept(sessions, participants);
    }
}
