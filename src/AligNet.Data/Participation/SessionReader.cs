using AligNet.Domain.Participation;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Data.Participation;

/// <summary>A session's state, its consent, and its trials in batches, for the participant's own browser only.</summary>
public sealed class SessionReader(IDbContextFactory<AligNetDbContext> contexts, TrialPlanner planner, TimeProvider clock)
{
    /// <summary>A trial as stored, in screen order, with the stimulus ids the browser turns into image URLs.</summary>
    public sealed record TrialRow(Guid Id, int Index, int Block, TrialKind Kind, Guid Stimulus0, Guid Stimulus1, Guid Stimulus2, int? ExpectedPosition);

    public async Task<SessionProgress> GetAsync(Guid sessionId, string? token, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var session = await SessionAccess.AuthenticateAsync(db, sessionId, token, ct);
        return await SessionStarter.ProgressAsync(db, session, session.Study!, null, ct);
    }

    public async Task<SessionProgress> ConsentAsync(Guid sessionId, string? token, bool accepted, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var session = await SessionAccess.AuthenticateAsync(db, sessionId, token, ct, tracked: true);
        if (session.Status == SessionStatus.InProgress && session.ConsentedAt is null)
        {
            if (accepted) session.ConsentedAt = clock.GetUtcNow();
            else session.Status = SessionStatus.Abandoned;
            await db.SaveChangesAsync(ct);
        }
        else if (session.Status == SessionStatus.Abandoned && accepted)
        {
            throw new ParticipationException(ParticipationError.Conflict, "Consent was declined in this session; it cannot continue.");
        }
        return await SessionStarter.ProgressAsync(db, session, session.Study!, null, ct);
    }

    /// <summary>A batch of trials and the session's length, for the progress bar.</summary>
    public sealed record TrialPage(IReadOnlyList<TrialRow> Trials, int TotalTrials);

    public async Task<TrialPage> TrialsAsync(Guid sessionId, string? token, int from, int count, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var session = await SessionAccess.AuthenticateAsync(db, sessionId, token, ct);
        if (session.ConsentedAt is null)
        {
            throw new ParticipationException(ParticipationError.Conflict, "Consent comes first: accept the consent form before the trials.");
        }
        if (session.Status != SessionStatus.InProgress)
        {
            throw new ParticipationException(ParticipationError.Conflict, "This session has ended; there are no more trials.");
        }
        // Served as stored when planned; otherwise the next batch is planned first (and stored for every later ask).
        // The planner returns the session's trials (stored and just planned), so none is read back.
        var end = (int)Math.Min((long)from + count, session.TotalTrials);
        if (from >= end) return new TrialPage([], session.TotalTrials); // past the end: nothing to plan or serve
        var trials = await planner.TrialsUpToAsync(db, session, session.Study!, end, ct);
        return new TrialPage([.. trials.Where(t => t.Planned.Index >= from && t.Planned.Index < end).Select(Row)], session.TotalTrials);
    }

    private static TrialRow Row(StoredTrial t) =>
        new(t.Id, t.Planned.Index, t.Planned.Block, t.Planned.Kind, t.Planned.Stimulus0, t.Planned.Stimulus1, t.Planned.Stimulus2, t.Planned.ExpectedPosition);
}
