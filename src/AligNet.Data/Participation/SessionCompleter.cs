using System.Text.Json;
using AligNet.Domain.Designs;
using AligNet.Domain.Participation;
using AligNet.Domain.Quality;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Data.Participation;

/// <summary>
/// Ends sessions: normally once every trial has a stored response, early when live quality control shows the
/// session can no longer pass, or when the participant is screened out. The QC verdict, its reasons and its
/// figures are stored with the session; ending twice returns the first ending.
/// </summary>
public sealed class SessionCompleter(IDbContextFactory<AligNetDbContext> contexts, TimeProvider clock)
{
    public async Task<SessionProgress> CompleteAsync(Guid sessionId, string? token, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var session = await SessionAccess.AuthenticateAsync(db, sessionId, token, ct, tracked: true);
        var trials = await QcTrials.ForSessionAsync(db, sessionId, ct);
        if (session.Status == SessionStatus.InProgress)
        {
            // Trials are planned as they are fetched: ones never planned are missing too.
            var missing = trials.Count(t => !t.Answered) + Math.Max(0, session.TotalTrials - trials.Count);
            if (missing > 0)
            {
                throw new ParticipationException(ParticipationError.Conflict,
                    $"{missing} trial(s) have no stored response yet. Send them (the page retries by itself) before completing.");
            }
            var report = QcEvaluator.Evaluate(session.Study!.Qc, trials, final: true);
            End(session, report, report.Status == QcStatus.Excluded ? SessionOutcome.FailedChecks : SessionOutcome.Completed);
            await SaveEndingAsync(db, session, ct);
        }
        return new SessionProgress(session, session.Study!, session.Participant!.ExternalId, null, trials.Count, trials.Count);
    }

    /// <summary>Ends a session whose person cannot take the study (e.g. no allowed input on their device).</summary>
    public async Task<SessionProgress> ScreenOutAsync(Guid sessionId, string? token, string reason, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var session = await SessionAccess.AuthenticateAsync(db, sessionId, token, ct, tracked: true);
        var trials = await QcTrials.ForSessionAsync(db, sessionId, ct);
        if (session.Status == SessionStatus.InProgress)
        {
            var report = QcEvaluator.Evaluate(session.Study!.Qc, trials, final: true);
            End(session, report with { Status = QcStatus.Excluded, Reasons = [$"screened out: {reason}", .. report.Reasons] }, SessionOutcome.ScreenedOut);
            await SaveEndingAsync(db, session, ct);
        }
        return new SessionProgress(session, session.Study!, session.Participant!.ExternalId, null, trials.Count(t => t.Answered), trials.Count);
    }

    /// <summary>Live QC after a timeout or a catch answer: ends the session now if it can no longer pass.</summary>
    public async Task<bool> EndIfFailingAsync(Guid sessionId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var session = await db.Sessions.Include(s => s.Study).FirstAsync(s => s.Id == sessionId, ct);
        if (session.Status != SessionStatus.InProgress) return true;
        var trials = await QcTrials.ForSessionAsync(db, sessionId, ct);
        var report = QcEvaluator.Evaluate(session.Study!.Qc, [.. trials, .. await UnplannedCatchAsync(db, session, trials, ct)], final: false);
        if (!report.StopEarly) return false;
        End(session, report with { Status = QcStatus.Excluded }, SessionOutcome.FailedChecks);
        await SaveEndingAsync(db, session, ct);
        return true;
    }

    /// <summary>The catch trials not planned yet, as unanswered placeholders (<see cref="QcTrials.UnplannedCatch"/>).</summary>
    private static async Task<IEnumerable<QcTrial>> UnplannedCatchAsync(AligNetDbContext db, ParticipantSession session, List<QcTrial> planned, CancellationToken ct)
    {
        if (planned.Count >= session.TotalTrials) return [];
        var study = session.Study!;
        var catchTotal = session.FixedListNumber is { } list
            ? await db.FixedTrials.CountAsync(f => f.StudyId == study.Id && f.ListNumber == list && f.IsCatch, ct)
            : SessionLayout.CatchCount(study);
        return QcTrials.UnplannedCatch(catchTotal, planned, session.TotalTrials);
    }

    private void End(ParticipantSession session, QcReport report, SessionOutcome outcome)
    {
        session.Status = SessionStatus.Completed;
        session.Outcome = outcome;
        session.CompletedAt = clock.GetUtcNow();
        session.Qc = report.Status;
        session.QcReasons = [.. report.Reasons];
        session.QcMetrics = JsonSerializer.Serialize(report.Metrics, JsonSerializerOptions.Web);
    }

    /// <summary>Saves only if the session is still running in the database: two concurrent endings store one.</summary>
    private static async Task SaveEndingAsync(AligNetDbContext db, ParticipantSession session, CancellationToken ct)
    {
        var updated = await db.Sessions.Where(s => s.Id == session.Id && s.Status == SessionStatus.InProgress)
            .ExecuteUpdateAsync(u => u
                .SetProperty(s => s.Status, session.Status)
                .SetProperty(s => s.Outcome, session.Outcome)
                .SetProperty(s => s.CompletedAt, session.CompletedAt)
                .SetProperty(s => s.Qc, session.Qc)
                .SetProperty(s => s.QcReasons, session.QcReasons)
                .SetProperty(s => s.QcMetrics, session.QcMetrics), ct);
        if (updated == 0)
        {
            await db.Entry(session).ReloadAsync(ct);
        }
    }
}
