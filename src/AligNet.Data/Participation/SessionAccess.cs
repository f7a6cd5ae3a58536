using AligNet.Domain.Participation;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Data.Participation;

/// <summary>Finds a session for a request and checks its secret: a participant reaches only their own session.</summary>
public static class SessionAccess
{
    public static async Task<ParticipantSession> AuthenticateAsync(AligNetDbContext db, Guid sessionId, string? token, CancellationToken ct, bool tracked = false)
    {
        if (string.IsNullOrEmpty(token)) throw MissingToken();
        var query = db.Sessions.Include(s => s.Study).Include(s => s.Participant).Where(s => s.Id == sessionId);
        var session = await (tracked ? query : query.AsNoTracking()).FirstOrDefaultAsync(ct) ?? throw UnknownSession();
        if (!SessionTokens.Matches(token, session.TokenHash)) throw WrongToken();
        return session;
    }

    public static ParticipationException MissingToken() => new(ParticipationError.Unauthorized,
        "The session's secret is missing. Send it as 'Authorization: Bearer <token>' (the token returned when the session started).");

    public static ParticipationException WrongToken() => new(ParticipationError.Forbidden,
        "This session belongs to another participant. Open the study from your own link.");

    public static ParticipationException UnknownSession() => new(ParticipationError.NotFound,
        "There is no such session. Open the study from its link to start one.");
}
