using System.Linq.Expressions;
using AligNet.Domain.Participation;
using AligNet.Domain.Quality;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Data.Participation;

/// <summary>Trials with their answers as quality control reads them, in one SQL projection shared by every caller.</summary>
public static class QcTrials
{
    public static readonly Expression<Func<Trial, QcTrial>> FromTrial = t => new QcTrial(
        t.Index, t.Kind, t.Response != null, t.ExpectedPosition,
        t.Response != null ? t.Response.ChosenPosition : null,
        t.Response != null ? t.Response.ChosenStimulusId : null,
        t.Response != null ? t.Response.RtMs : null,
        t.Response != null && t.Response.FocusLost,
        t.RepeatOfIndex);

    /// <summary>A trial of some session, for pages that judge many running sessions from one query.</summary>
    public sealed record OfSession(Guid SessionId, QcTrial Trial);

    /// <summary><see cref="FromTrial"/> with the session id beside it, built from the same expression so the two never drift apart.</summary>
    public static readonly Expression<Func<Trial, OfSession>> WithSession = Expression.Lambda<Func<Trial, OfSession>>(
        Expression.New(typeof(OfSession).GetConstructors()[0],
            Expression.Property(FromTrial.Parameters[0], nameof(Trial.SessionId)), FromTrial.Body),
        FromTrial.Parameters[0]);

    public static Task<List<QcTrial>> ForSessionAsync(AligNetDbContext db, Guid sessionId, CancellationToken ct) =>
        db.Trials.AsNoTracking().Where(t => t.SessionId == sessionId).OrderBy(t => t.Index).Select(FromTrial).ToListAsync(ct);

    /// <summary>
    /// Catch trials a session will still get but that are not planned yet (trials are planned as they are fetched,
    /// ADR-018), as unanswered placeholders: the live catch rule stops a session only when even a correct answer to
    /// every remaining catch trial cannot save it, so it must count the ones still to come.
    /// </summary>
    /// <param name="catchTotal">The session's catch trials in all: the layout's count, or its fixed list's catch rows.</param>
    public static IEnumerable<QcTrial> UnplannedCatch(int catchTotal, IReadOnlyList<QcTrial> planned, int totalTrials)
    {
        if (planned.Count >= totalTrials) return [];
        var left = catchTotal - planned.Count(t => t.Kind == TrialKind.Catch);
        return Enumerable.Range(0, Math.Max(0, left)).Select(k => new QcTrial(planned.Count + k, TrialKind.Catch, false, 0, null, null, null, false, null));
    }
}
