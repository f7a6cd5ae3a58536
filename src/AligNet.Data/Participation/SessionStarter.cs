using System.Security.Cryptography;
using AligNet.Domain.Designs;
using AligNet.Domain.Participation;
using AligNet.Domain.Studies;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AligNet.Data.Participation;

/// <summary>
/// Opens a session from an entry link, or resumes one: by the browser's kept secret, or — for Prolific and MTurk —
/// by the platform's own participant and session ids, so a participant who switches browser continues where they
/// were. A new session is one row (its length and plan seed included): its trials are planned a batch at a time when
/// the browser fetches them (<see cref="TrialPlanner"/>, ADR-018). The study's design is frozen with the first one.
/// </summary>
public sealed class SessionStarter(IDbContextFactory<AligNetDbContext> contexts, StudyDesignCache designs, TimeProvider clock)
{
    private readonly SemaphoreSlim startGate = new(Math.Max(2, Environment.ProcessorCount * 2));

    public async Task<SessionProgress> StartAsync(Guid studyId, IReadOnlyDictionary<string, string>? parameters, string? token, string? userAgent, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var study = await db.Studies.AsNoTracking().FirstOrDefaultAsync(s => s.Id == studyId, ct);
        if (study is null || study.State == StudyState.Draft) EnsureOpen(study);

        // A session already under way continues even when the study has since been paused or closed: pausing and
        // closing stop new arrivals, and a participant in the middle must still be able to send the answers their
        // browser holds and receive their completion code.
        if (!string.IsNullOrEmpty(token))
        {
            var hash = SessionTokens.Hash(token);
            var kept = await db.Sessions.AsNoTracking().Include(s => s.Participant)
                .FirstOrDefaultAsync(s => s.StudyId == studyId && s.TokenHash == hash, ct);
            if (kept is not null) return await ProgressAsync(db, kept, study!, token, ct);
        }

        RecruitmentIdentity identity;
        try
        {
            identity = RecruitmentIdentity.From(study!.Recruitment, parameters);
        }
        catch (ParticipationException) when (study!.State != StudyState.Open)
        {
            EnsureOpen(study); // a study that takes no one says so before it complains about the link
            throw;
        }
        if (study.Recruitment != RecruitmentSource.DirectLink)
        {
            var resumed = await ResumeByIdentityAsync(db, study, identity, ct);
            if (resumed is not null) return resumed;
        }
        EnsureOpen(study);

        try
        {
            return await CreateAsync(db, study, identity, userAgent, ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Two tabs of the same Prolific participant raced: the other one created the session; continue it.
            db.ChangeTracker.Clear();
            return await ResumeByIdentityAsync(db, study, identity, ct)
                ?? throw new ParticipationException(ParticipationError.Conflict, "The session is being opened in another tab; reload this page.");
        }
    }

    private static void EnsureOpen(Study? study)
    {
        switch (study?.State)
        {
            case null:
                throw new ParticipationException(ParticipationError.NotFound, "There is no study at this link. Check the link with the researcher who sent it.");
            case StudyState.Draft:
                throw new ParticipationException(ParticipationError.Conflict, "This study has not opened yet. Try again later.");
            case StudyState.Paused:
                throw new ParticipationException(ParticipationError.Conflict, "This study is paused for the moment. Try again later.");
            case StudyState.Closed:
                throw new ParticipationException(ParticipationError.Gone, "This study is closed and takes no more participants. Thank you for your interest.");
        }
    }

    private async Task<SessionProgress?> ResumeByIdentityAsync(AligNetDbContext db, Study study, RecruitmentIdentity identity, CancellationToken ct)
    {
        var existing = await db.Sessions.Include(s => s.Participant)
            .FirstOrDefaultAsync(s => s.StudyId == study.Id && s.Participant!.Source == study.Recruitment && s.Participant.ExternalId == identity.ExternalId, ct);
        if (existing is null) return null;
        if (identity.ExternalSessionId is null || identity.ExternalSessionId != existing.ExternalSessionId)
        {
            throw new ParticipationException(ParticipationError.Conflict,
                $"The id {identity.ExternalId} has already taken part in this study. Each person takes it once; contact the researcher if this is a mistake.");
        }
        // Same platform session on another browser: issue a fresh secret; the old browser's one stops working.
        var token = SessionTokens.New();
        existing.TokenHash = SessionTokens.Hash(token);
        await db.SaveChangesAsync(ct);
        return await ProgressAsync(db, existing, study, token, ct);
    }

    private async Task<SessionProgress> CreateAsync(AligNetDbContext db, Study study, RecruitmentIdentity identity, string? userAgent, CancellationToken ct)
    {
        // A start is the most expensive participant request; under a burst of arrivals, queue the surplus here
        // rather than let every start hold a pooled connection while the CPU is saturated.
        await startGate.WaitAsync(ct);
        try
        {
            return await CreateGatedAsync(db, study, identity, userAgent, ct);
        }
        finally
        {
            startGate.Release();
        }
    }

    private async Task<SessionProgress> CreateGatedAsync(AligNetDbContext db, Study study, RecruitmentIdentity identity, string? userAgent, CancellationToken ct)
    {
        if (await designs.DesignErrorsAsync(study) is { } errors)
            throw new ParticipationException(ParticipationError.Conflict, $"This study cannot start sessions: {errors} Please tell the researcher.");
        var now = clock.GetUtcNow();

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        int? listNumber = null;
        var total = study.TotalTrials;
        if (study.Design == DesignKind.FixedLists)
        {
            // Serialise list assignment within the study so that lists are handed out evenly.
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({study.Id.ToString()}))", ct);
            listNumber = await NextFixedListAsync(db, study.Id, ct);
            total = study.PracticeTrials + await db.FixedTrials.CountAsync(f => f.StudyId == study.Id && f.ListNumber == listNumber, ct);
        }

        // The session only: its trials are planned a batch at a time when the browser asks for them (TrialPlanner).
        var token = SessionTokens.New();
        var participant = await ParticipantOfAsync(db, study.Recruitment, identity.ExternalId, now, ct);
        var session = new ParticipantSession
        {
            Id = Guid.NewGuid(), StudyId = study.Id, ParticipantId = participant.Id, TokenHash = SessionTokens.Hash(token),
            ExternalSessionId = identity.ExternalSessionId, ExternalStudyId = identity.ExternalStudyId, ReturnUrl = identity.ReturnUrl,
            FixedListNumber = listNumber, StartedAt = now, UserAgent = userAgent is { Length: > 512 } ? userAgent[..512] : userAgent,
            TotalTrials = total, PlanSeed = RandomNumberGenerator.GetInt32(int.MaxValue),
        };
        db.Sessions.Add(session);
        await db.SaveChangesAsync(ct);
        if (study.DesignFrozenAt is null)
        {
            await db.Studies.Where(s => s.Id == study.Id && s.DesignFrozenAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.DesignFrozenAt, now), ct);
        }
        await transaction.CommitAsync(ct);

        session.Participant = participant;
        return new SessionProgress(session, study, participant.ExternalId, token, 0, total);
    }

    /// <summary>
    /// The participant row of a recruitment identity, created on its first study: the same Prolific PID or MTurk
    /// worker id takes part in many studies over months, one session per study (the sessions' unique index).
    /// <c>ON CONFLICT DO NOTHING</c> lets two studies started at once by the same person share one row.
    /// </summary>
    private static async Task<Participant> ParticipantOfAsync(AligNetDbContext db, RecruitmentSource source, string externalId, DateTimeOffset now, CancellationToken ct)
    {
        var sourceName = source.ToString();
        // RETURNING gives the new row without a second round trip; only a returning identity reads the existing one.
        var created = await db.Participants.FromSql($"""
            INSERT INTO alignet.participants ("Id", "Source", "ExternalId", "CreatedAt")
            VALUES ({Guid.NewGuid()}, {sourceName}, {externalId}, {now})
            ON CONFLICT ("Source", "ExternalId") DO NOTHING
            RETURNING *
            """).AsNoTracking().ToListAsync(ct);
        return created.Count == 1 ? created[0]
            : await db.Participants.AsNoTracking().SingleAsync(p => p.Source == source && p.ExternalId == externalId, ct);
    }

    private static async Task<int> NextFixedListAsync(AligNetDbContext db, Guid studyId, CancellationToken ct)
    {
        var lists = await db.FixedTrials.Where(f => f.StudyId == studyId).Select(f => f.ListNumber).Distinct().ToListAsync(ct);
        if (lists.Count == 0)
        {
            throw new ParticipationException(ParticipationError.Conflict, "This study has no trial lists yet. Please tell the researcher.");
        }
        var used = await db.Sessions.Where(s => s.StudyId == studyId && s.FixedListNumber != null)
            .GroupBy(s => s.FixedListNumber!.Value).Select(g => new { List = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.List, g => g.Count, ct);
        return lists.OrderBy(l => used.GetValueOrDefault(l)).ThenBy(l => l).First();
    }

    internal static async Task<SessionProgress> ProgressAsync(AligNetDbContext db, ParticipantSession session, Study study, string? token, CancellationToken ct)
    {
        // Trials are planned in order, so without an unanswered one the next is the first not yet planned.
        var planned = await db.Trials.AsNoTracking().Where(t => t.SessionId == session.Id)
            .GroupBy(_ => 1).Select(g => new { Count = g.Count(), FirstOpen = g.Where(t => t.Response == null).Min(t => (int?)t.Index) })
            .FirstOrDefaultAsync(ct);
        var next = planned?.FirstOpen ?? planned?.Count ?? 0;
        return new SessionProgress(session, study, session.Participant!.ExternalId, token, next, session.TotalTrials);
    }
}
