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
}
